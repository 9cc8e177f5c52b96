using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.Testing.Http;

/// <summary>
/// The faults that bend HTTP itself rather than Aircall's answers: a body that stalls after its first bytes, a rate-limit
/// reset far ahead, a skewed <c>Date</c>. Kept apart from the endpoints so each stays small.
/// </summary>
internal static class WireFaults
{
    private const long MillisecondsThreshold = 1_000_000_000_000;

    /// <summary>Runs <paramref name="route"/> into memory, then sends the headers and the first bytes of its body, and stalls.</summary>
    public static async Task StallBodyAsync(HttpContext context, int bytes, Func<Task> route, TimeProvider time, CancellationToken stopping)
    {
        var original = context.Response.Body;
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            context.Response.Body = buffer;
            try
            {
                await route().ConfigureAwait(false);
            }
            finally
            {
                context.Response.Body = original;
            }

            body = buffer.ToArray();
        }

        var sent = Math.Min(bytes, Math.Max(0, body.Length - 1)); // always short of the whole body
        context.Response.ContentLength = body.Length;
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await original.WriteAsync(body.AsMemory(0, sent), stall.Token).ConfigureAwait(false);
            await original.FlushAsync(stall.Token).ConfigureAwait(false);
            await Task.Delay(Timeout.InfiniteTimeSpan, time, stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            context.Abort(); // the client gave up, or the simulator stops: never complete the body
        }
    }

    /// <summary>Writes <c>X-AircallApi-*</c> headers saying nothing remains until <paramref name="reset"/>.</summary>
    public static void WriteFarAheadReset(HttpResponse response, int limit, DateTimeOffset reset, bool milliseconds)
    {
        response.Headers["X-AircallApi-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-AircallApi-Remaining"] = "0";
        var value = milliseconds ? reset.ToUnixTimeMilliseconds() : (reset.ToUnixTimeMilliseconds() + 999) / 1000;
        response.Headers["X-AircallApi-Reset"] = value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Just before the response starts: a <c>Date</c> <paramref name="offset"/> away from the clock, and a shifted reset.</summary>
    public static void SkewDateOnStarting(HttpResponse response, TimeProvider time, TimeSpan offset, bool skewReset)
        => response.OnStarting(() =>
        {
            response.Headers.Date = (time.GetUtcNow() + offset).ToString("R", CultureInfo.InvariantCulture);
            if (skewReset && long.TryParse(response.Headers["X-AircallApi-Reset"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
            {
                var shifted = reset >= MillisecondsThreshold
                    ? reset + (long)offset.TotalMilliseconds
                    : reset + (long)Math.Round(offset.TotalSeconds);
                response.Headers["X-AircallApi-Reset"] = shifted.ToString(CultureInfo.InvariantCulture);
            }

            return Task.CompletedTask;
        });
}
