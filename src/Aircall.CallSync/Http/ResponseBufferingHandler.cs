using Aircall.CallSync.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Http;

/// <summary>
/// Reads every response body into memory inside the attempt, so the attempt timeout bounds the body as well as the
/// headers: a server that sends headers and then stalls mid-body fails the attempt with a timeout (retried for idempotent
/// requests) instead of hanging the caller, since Refit reads the body only after the handler chain returned and the
/// client's own timeout is infinite. Bodies larger than <see cref="AircallResilienceOptions.MaxResponseBodyBytes"/> fail
/// with an <see cref="HttpRequestException"/> of <see cref="HttpRequestError.ConfigurationLimitExceeded"/>, never retried.
/// </summary>
internal sealed class ResponseBufferingHandler(IOptionsMonitor<AircallOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var max = options.CurrentValue.Resilience.MaxResponseBodyBytes;
        try
        {
            if (response.Content.Headers.ContentLength > max)
            {
                throw TooLarge(request, max);
            }

            await response.Content.LoadIntoBufferAsync(max, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            response.Dispose();
            throw TooLarge(request, max);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    // The path only: the query string and credentials never reach a message.
    private static HttpRequestException TooLarge(HttpRequestMessage request, int max)
        => new(
            HttpRequestError.ConfigurationLimitExceeded,
            $"Aircall's answer to {request.Method} {request.RequestUri?.AbsolutePath} is larger than Aircall:Resilience:MaxResponseBodyBytes ({max} bytes). A page of 50 calls is a few hundred KB: raise the setting if this answer is expected.");
}
