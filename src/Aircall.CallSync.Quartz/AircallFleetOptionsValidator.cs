using Microsoft.Extensions.Options;
using Npgsql;

namespace Aircall.CallSync.Quartz;

/// <summary>
/// Checks <see cref="AircallFleetOptions"/> when the host starts, naming each setting that is wrong. Quartz's store is
/// built when <c>AddFleetSync</c> runs, from the settings its delegate set: <paramref name="registered"/> (when given)
/// makes a store setting changed elsewhere (<c>services.Configure&lt;AircallFleetOptions&gt;</c>) an error rather than a
/// silent in-memory, non-clustered scheduler.
/// </summary>
internal sealed class AircallFleetOptionsValidator(AircallFleetOptions? registered = null) : IValidateOptions<AircallFleetOptions>
{
    /// <summary>
    /// The longest slice or lock check the fleet can time: .NET timers wait at most about 49.7 days, and a slice is cut
    /// hard at twice its duration. Longer (TimeSpan.MaxValue for "no time budget") would fail every slice of every account.
    /// </summary>
    internal static readonly TimeSpan LongestTimer = TimeSpan.FromDays(24);

    public ValidateOptionsResult Validate(string? name, AircallFleetOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("Fleet sync needs the PostgreSQL database its workers share: set AircallFleetOptions.ConnectionString (Host=...;Database=...;Username=...;Password=...).");
        }
        else
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException)
            {
                failures.Add("AircallFleetOptions.ConnectionString is not a PostgreSQL (Npgsql) connection string.");
            }
        }

        Positive(failures, nameof(options.Interval), options.Interval);
        Positive(failures, nameof(options.SliceDuration), options.SliceDuration);
        Positive(failures, nameof(options.InitialBackoff), options.InitialBackoff);
        Positive(failures, nameof(options.ReconcileInterval), options.ReconcileInterval);
        Positive(failures, nameof(options.CheckinInterval), options.CheckinInterval);
        Positive(failures, nameof(options.CheckinMisfireThreshold), options.CheckinMisfireThreshold);
        Positive(failures, nameof(options.LockCheckInterval), options.LockCheckInterval);
        AtMostLongestTimer(failures, nameof(options.SliceDuration), options.SliceDuration);
        AtMostLongestTimer(failures, nameof(options.LockCheckInterval), options.LockCheckInterval);
        if (options.ContinueDelay < TimeSpan.Zero)
        {
            failures.Add($"AircallFleetOptions.ContinueDelay must not be negative (it is {options.ContinueDelay}).");
        }

        if (options.MaxRateLimitWait < TimeSpan.Zero)
        {
            failures.Add($"AircallFleetOptions.MaxRateLimitWait must not be negative (it is {options.MaxRateLimitWait}).");
        }

        if (options.MaxBackoff < options.InitialBackoff)
        {
            failures.Add($"AircallFleetOptions.MaxBackoff ({options.MaxBackoff}) must be at least InitialBackoff ({options.InitialBackoff}).");
        }

        if (options.SliceRequests < 1)
        {
            failures.Add($"AircallFleetOptions.SliceRequests must be at least 1 (it is {options.SliceRequests}).");
        }

        if (options.MaxConcurrentSlices < 1)
        {
            failures.Add($"AircallFleetOptions.MaxConcurrentSlices must be at least 1 (it is {options.MaxConcurrentSlices}).");
        }

        if (string.IsNullOrWhiteSpace(options.SchedulerName))
        {
            failures.Add("AircallFleetOptions.SchedulerName must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.TablePrefix))
        {
            failures.Add("AircallFleetOptions.TablePrefix must not be empty.");
        }

        if (registered is not null)
        {
            Registered(failures, nameof(options.ConnectionString), registered.ConnectionString, options.ConnectionString);
            Registered(failures, nameof(options.SchedulerName), registered.SchedulerName, options.SchedulerName);
            Registered(failures, nameof(options.TablePrefix), registered.TablePrefix, options.TablePrefix);
            Registered(failures, nameof(options.MaxConcurrentSlices), registered.MaxConcurrentSlices, options.MaxConcurrentSlices);
            Registered(failures, nameof(options.CheckinInterval), registered.CheckinInterval, options.CheckinInterval);
            Registered(failures, nameof(options.CheckinMisfireThreshold), registered.CheckinMisfireThreshold, options.CheckinMisfireThreshold);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AtMostLongestTimer(List<string> failures, string name, TimeSpan value)
    {
        if (value > LongestTimer)
        {
            failures.Add($"AircallFleetOptions.{name} must be at most 24 days (it is {value}): .NET cannot time longer, so no slice could run.");
        }
    }

    private static void Registered<T>(List<string> failures, string name, T atRegistration, T now)
    {
        if (!EqualityComparer<T>.Default.Equals(atRegistration, now))
        {
            // Values are not echoed: one of them is a connection string.
            failures.Add($"AircallFleetOptions.{name} was changed after AddFleetSync: Quartz's store and thread pool are built from the settings of AddFleetSync's own delegate, so set {name} there.");
        }
    }

    private static void Positive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"AircallFleetOptions.{name} must be longer than zero (it is {value}).");
        }
    }
}
