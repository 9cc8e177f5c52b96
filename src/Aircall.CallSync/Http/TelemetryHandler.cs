using System.Diagnostics;
using System.Net;
using Aircall.CallSync.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Aircall.CallSync.Http;

/// <summary>
/// Records every attempt sent to Aircall: a span, the request counter and duration by endpoint template and status,
/// the 429 counter, and a debug log line. Sits innermost in the pipeline so retries are counted one by one.
/// </summary>
internal sealed class TelemetryHandler(ILogger<TelemetryHandler> logger, TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var endpoint = EndpointTemplate.FromPath(request.RequestUri?.AbsolutePath);
        var method = request.Method.Method;
        using var activity = AircallTelemetry.ActivitySource.StartActivity($"Aircall {method} {endpoint}", ActivityKind.Client);
        activity?.SetTag("http.request.method", method);
        activity?.SetTag("aircall.endpoint", endpoint);
        var started = timeProvider.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var elapsed = timeProvider.GetElapsedTime(started);
            var status = (int)response.StatusCode;
            var tags = new TagList { { "endpoint", endpoint }, { "method", method }, { "status", status } };
            AircallTelemetry.Requests.Add(1, tags);
            AircallTelemetry.RequestDuration.Record(elapsed.TotalSeconds, tags);
            activity?.SetTag("http.response.status_code", status);
            if (!response.IsSuccessStatusCode)
            {
                activity?.SetStatus(ActivityStatusCode.Error);
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                AircallTelemetry.RateLimited.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint));
                Log.RateLimited(logger, method, endpoint, RateLimitHeaders.Parse(response.Headers, timeProvider.GetUtcNow())?.ResetAt);
            }
            else
            {
                Log.RequestCompleted(logger, method, endpoint, status, elapsed.TotalMilliseconds);
            }

            return response;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException)
        {
            var elapsed = timeProvider.GetElapsedTime(started);
            AircallTelemetry.Requests.Add(1, new TagList { { "endpoint", endpoint }, { "method", method }, { "status", "error" } });
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            Log.RequestFailed(logger, exception, method, endpoint, elapsed.TotalMilliseconds);
            throw;
        }
    }
}
