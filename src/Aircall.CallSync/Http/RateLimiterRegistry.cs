using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Http;

/// <summary>
/// One <see cref="AccountRateLimiter"/> per account key, for the life of the service provider: every client, every
/// enumeration and every rotated IHttpClientFactory handler of an account share it. Thread-safe.
/// </summary>
internal sealed class RateLimiterRegistry(IOptionsMonitor<AircallOptions> options, TimeProvider timeProvider, ILoggerFactory loggers) : IDisposable
{
    /// <summary>The key of requests sent without an account key (through the named HttpClient directly).</summary>
    internal const string UnknownAccount = "unknown";

    private readonly ConcurrentDictionary<string, AccountRateLimiter> _limiters = new(StringComparer.Ordinal);

    public AccountRateLimiter Get(string accountKey)
        => _limiters.GetOrAdd(accountKey, static (_, state) =>
        {
            var limits = state.options.CurrentValue.RateLimit;
            return new AccountRateLimiter(
                limits.PermitLimit, limits.Window, state.timeProvider, limits.MaxResetWait, state.loggers.CreateLogger<AccountRateLimiter>(),
                limits.MinMargin, limits.MaxMargin);
        }, (options, timeProvider, loggers));

    /// <summary>Stops every limiter's timer (the service provider is being disposed).</summary>
    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    public bool TryGet(string accountKey, out AccountRateLimiter? limiter) => _limiters.TryGetValue(accountKey, out limiter);

    /// <summary>Every limiter created so far (for test harnesses that look at who is waiting).</summary>
    internal ICollection<AccountRateLimiter> All => _limiters.Values;
}
