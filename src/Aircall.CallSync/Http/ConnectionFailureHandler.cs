using System.Globalization;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Aircall.CallSync.Http;

/// <summary>
/// The outermost handler of the pipeline: a request that ends without any answer from Aircall once the retries are spent
/// (connection refused, DNS, TLS, a dropped connection, the attempt timeouts, or the total timeout after such failures)
/// fails with an <see cref="AircallConnectionException"/> that names <c>Aircall:BaseAddress</c> and the address tried.
/// Cancellation by the caller, a body over the size cap, and a total timeout spent waiting for the rate limit pass
/// through as they are.
/// </summary>
internal sealed class ConnectionFailureHandler(IOptionsMonitor<AircallOptions> options) : DelegatingHandler
{
    /// <summary>Set by the retry strategy before each retry: how many retries so far, and what failed last.</summary>
    internal static readonly HttpRequestOptionsKey<RetriedFailure> RetriedKey = new("Aircall.CallSync.Retried");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
                                          && Describe(request, exception, options.CurrentValue.Resilience) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>The connection failure <paramref name="exception"/> stands for, or <c>null</c> when it is something else.</summary>
    internal static AircallConnectionException? Describe(HttpRequestMessage request, Exception exception, AircallResilienceOptions resilience)
    {
        var retried = request.Options.TryGetValue(RetriedKey, out var value) ? value : null;
        var retries = retried?.Retries ?? 0;
        string cause;
        int failedAttempts;
        if (IsNoAnswer(exception, resilience))
        {
            cause = Cause(exception, resilience);
            failedAttempts = retries + 1;
        }
        else if (exception is TimeoutRejectedException total && retried?.Failure is { } last && IsNoAnswer(last, resilience))
        {
            // The total timeout ran out during a backoff or an attempt that followed failures without an answer.
            cause = $"{Cause(last, resilience)}, then Aircall:Resilience:TotalTimeout ({Seconds(total.Timeout)} s) ran out";
            failedAttempts = retries;
        }
        else
        {
            return null;
        }

        var uri = request.RequestUri;
        var origin = uri is { IsAbsoluteUri: true } ? uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped) + "/" : "(no address)";
        var notRetried = AircallResilience.IsIdempotent(request.Method) ? "" : $" A {request.Method} is not retried: Aircall may have applied it.";
        var attempts = failedAttempts == 1 ? "1 attempt" : string.Create(CultureInfo.InvariantCulture, $"{failedAttempts} attempts");
        return new AircallConnectionException(
            $"Could not reach Aircall at {origin} (Aircall:BaseAddress) for {request.Method} {uri?.AbsolutePath}, after {attempts}: {cause}. "
            + $"Check Aircall:BaseAddress and the network between this host and {origin} (DNS, firewall, proxy, TLS).{notRetried}",
            uri,
            exception);
    }

    /// <summary>No answer at all: a transport failure, or an attempt that ran out of its timeout.</summary>
    private static bool IsNoAnswer(Exception exception, AircallResilienceOptions resilience) => exception switch
    {
        AircallConnectionException => false,
        HttpRequestException { HttpRequestError: HttpRequestError.ConfigurationLimitExceeded } => false,
        HttpRequestException or IOException => true,
        TimeoutRejectedException timeout => timeout.Timeout == resilience.AttemptTimeout,
        _ => false,
    };

    private static string Cause(Exception exception, AircallResilienceOptions resilience) => exception is TimeoutRejectedException
        ? string.Create(CultureInfo.InvariantCulture, $"no answer within Aircall:Resilience:AttemptTimeout ({Seconds(resilience.AttemptTimeout)} s)")
        : exception.Message.TrimEnd('.', ' ');

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>What the retry strategy saw before its latest retry.</summary>
    /// <param name="Retries">Retries so far.</param>
    /// <param name="Failure">The exception of the attempt retried, or <c>null</c> when it was a response (5xx, 429).</param>
    internal sealed record RetriedFailure(int Retries, Exception? Failure);
}
