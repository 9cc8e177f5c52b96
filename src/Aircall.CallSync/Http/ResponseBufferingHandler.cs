using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Http;

/// <summary>
/// Reads every response body into memory inside the attempt, so the attempt timeout bounds the body as well as the
/// headers: a server that sends headers and then stalls mid-body fails the attempt with a timeout (retried for idempotent
/// requests) instead of hanging the caller, since Refit reads the body only after the handler chain returned and the
/// client's own timeout is infinite. Bodies larger than <see cref="AircallResilienceOptions.MaxResponseBodyBytes"/> fail
/// with an <see cref="HttpRequestException"/> of <see cref="HttpRequestError.ConfigurationLimitExceeded"/>, never retried.
/// </summary>
internal sealed class ResponseBufferingHandler(IOptionsMonitor<AircallOptions> options, TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        // The latency the rate limiter sizes its margin from ends here, before the body.
        request.Options.Set(RateLimitHandler.HeadersReceivedKey, timeProvider.GetTimestamp());
        var max = options.CurrentValue.Resilience.MaxResponseBodyBytes;
        try
        {
            if (response.Content.Headers.ContentLength > max)
            {
                throw TooLarge(request, max);
            }

            var source = response.Content;
            var (body, length) = await ReadAsync(source, max, cancellationToken).ConfigureAwait(false);
            if (length < 0)
            {
                throw TooLarge(request, max);
            }

            var buffered = new BufferedResponseContent(body, length);
            foreach (var header in source.Headers)
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            buffered.Headers.ContentLength = length;
            response.Content = buffered;
            source.Dispose();
            request.Options.Set(BufferedResponseContent.BodyKey, buffered.Body);
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

    /// <summary>
    /// Reads the whole body into one array of exactly its length: it is read through pooled buffers (sized from
    /// <c>Content-Length</c> when the server sent it), then copied once. The length is -1 past <paramref name="max"/>.
    /// </summary>
    private static async Task<(byte[] Body, int Length)> ReadAsync(HttpContent content, int max, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var declared = content.Headers.ContentLength;
            var pool = System.Buffers.ArrayPool<byte>.Shared;
            var buffer = pool.Rent(declared is { } known and >= 0 ? (int)Math.Min(known + 1, (long)max + 1) : Math.Min(16 * 1024, max + 1));
            var length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        var larger = pool.Rent((int)Math.Min((long)buffer.Length * 2, (long)max + 1));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        pool.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return (buffer.AsSpan(0, length).ToArray(), length);
                    }

                    length += read;
                    if (length > max)
                    {
                        return ([], -1);
                    }
                }
            }
            finally
            {
                pool.Return(buffer);
            }
        }
    }

    // The path only: the query string and credentials never reach a message.
    private static HttpRequestException TooLarge(HttpRequestMessage request, int max)
        => new(
            HttpRequestError.ConfigurationLimitExceeded,
            $"Aircall's answer to {request.Method} {request.RequestUri?.AbsolutePath} is larger than Aircall:Resilience:MaxResponseBodyBytes ({max} bytes). A page of 50 calls is a few hundred KB: raise the setting if this answer is expected.");
}
