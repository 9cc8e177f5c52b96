using System.Text;
using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.Testing.Http;

/// <summary>
/// The second stage of an admitted request: the request-level fault decided for it (a drop, a server error, malformed
/// JSON, a slow answer, a stalled body or a far-ahead reset) is applied before, around or instead of its endpoint.
/// </summary>
internal sealed class RequestFaultStage(AircallSimulator simulator)
{
    private static readonly byte[] ServiceUnavailable = Encoding.UTF8.GetBytes("{\"message\":\"Service Unavailable\"}");

    /// <summary>Applies <paramref name="fault"/>; runs <paramref name="route"/> (the endpoint) unless the fault answered instead.</summary>
    public async Task ApplyAsync(HttpContext context, FaultDecision fault, RateLimitDecision limit, DateTimeOffset time, Func<Task> route)
    {
        switch (fault.Kind)
        {
            case FaultKind.Drop:
                context.Abort();
                return;
            case FaultKind.ServerError:
                await Responses.WriteAsync(context, fault.StatusCode, ServiceUnavailable).ConfigureAwait(false);
                return;
            case FaultKind.Malformed:
                await Responses.WriteAsync(context, 200, ErrorBodies.Malformed).ConfigureAwait(false);
                return;
            case FaultKind.Slow:
                await SlowAsync(context, fault.Delay).ConfigureAwait(false);
                break;
            case FaultKind.StallBody:
                await WireFaults.StallBodyAsync(context, fault.Bytes, route, simulator.TimeProvider, simulator.Stopping).ConfigureAwait(false);
                return;
            case FaultKind.ResetFarAhead:
                if (await ResetFarAheadAnsweredAsync(context, fault, limit, time).ConfigureAwait(false))
                {
                    return;
                }

                break;
        }

        await route().ConfigureAwait(false);
    }

    /// <summary>Holds the request for <paramref name="delay"/>, or until the client gives up or the simulator stops (so stopping never waits on it).</summary>
    private async Task SlowAsync(HttpContext context, TimeSpan delay)
    {
        using var held = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, simulator.Stopping);
        await Task.Delay(delay, simulator.TimeProvider, held.Token).ConfigureAwait(false);
    }

    /// <summary>Writes the far-ahead reset headers; answers 429 (and returns <c>true</c>) unless the fault keeps the normal answer.</summary>
    private async Task<bool> ResetFarAheadAnsweredAsync(HttpContext context, FaultDecision fault, RateLimitDecision limit, DateTimeOffset time)
    {
        WireFaults.WriteFarAheadReset(context.Response, limit.Limit > 0 ? limit.Limit : 60, time + fault.Delay, simulator.Options.RateLimitResetInMilliseconds);
        if (fault.StatusCode != 429)
        {
            return false;
        }

        simulator.CountRateLimited();
        await Responses.TooManyRequestsAsync(context).ConfigureAwait(false);
        return true;
    }
}
