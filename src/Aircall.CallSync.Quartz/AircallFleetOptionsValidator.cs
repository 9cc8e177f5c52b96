using Microsoft.Extensions.Options;
using Npgsql;

namespace Aircall.CallSync.Quartz;

/// <summary>Checks <see cref="AircallFleetOptions"/> when the host starts, naming each setting that is wrong.</summary>
internal sealed class AircallFleetOptionsValidator : IValidateOptions<AircallFleetOptions>
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AtMostLongestTimer(List<string> failures, string name, TimeSpan value)
    {
        if (value > LongestTimer)
        {
            failures.Add($"AircallFleetOptions.{name} must be at most 24 days (it is {value}): .NET cannot time longer, so no slice could run.");
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
