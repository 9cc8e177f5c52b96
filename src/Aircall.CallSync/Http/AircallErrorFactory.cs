using System.Net;
using System.Text;
using System.Text.Json;

namespace Aircall.CallSync.Http;

/// <summary>Turns an unsuccessful response into the matching <see cref="AircallApiException"/>.</summary>
internal static class AircallErrorFactory
{
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>
    /// Where the exception built for a failed response is kept, on its request: Refit drops exceptions that do not derive
    /// from its own type from <c>IApiResponse.Error</c>, so <see cref="FromApiResponse"/> finds it here.
    /// </summary>
    internal static readonly HttpRequestOptionsKey<AircallApiException> ErrorOption = new("Aircall.CallSync.Error");

    /// <summary>Refit's exception factory: <c>null</c> for success, the typed exception otherwise.</summary>
    internal static async Task<Exception?> CreateAsync(HttpResponseMessage response, TimeProvider timeProvider)
    {
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var details = await ReadAsync(response, timeProvider, CancellationToken.None).ConfigureAwait(false);
        var exception = Create(details);
        response.RequestMessage?.Options.Set(ErrorOption, exception);
        return exception;
    }

    /// <summary>
    /// The typed exception of a failed <see cref="Refit.IApiResponse"/>: the one the exception factory built, or one made
    /// from the status and headers. (Transport failures never get here: they are thrown as they are.)
    /// </summary>
    internal static Exception FromApiResponse(Refit.IApiResponse response, TimeProvider timeProvider)
    {
        if (response.RequestMessage is { } request && request.Options.TryGetValue(ErrorOption, out var built) && built is not null)
        {
            return built;
        }

        return Create(new AircallErrorDetails
        {
            StatusCode = response.StatusCode ?? 0,
            Method = response.RequestMessage?.Method.Method,
            Path = response.RequestMessage?.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : null,
            RateLimit = response.Headers is { } headers ? RateLimitHeaders.Parse(headers, timeProvider.GetUtcNow()) : null,
        });
    }

    internal static AircallApiException Create(AircallErrorDetails details)
    {
        if (details.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return new AircallAuthenticationException(details);
        }

        if (details.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new AircallRateLimitedException(details);
        }

        return AircallErrorMessages.IsPaginationCap(details)
            ? new AircallPaginationLimitException(details)
            : new AircallApiException(details);
    }

    internal static async Task<AircallErrorDetails> ReadAsync(HttpResponseMessage response, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        string? error = null, troubleshoot = null, message = null, errors = null;
        if (body.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    error = ReadText(document.RootElement, "error");
                    troubleshoot = ReadText(document.RootElement, "troubleshoot");
                    message = ReadText(document.RootElement, "message");
                    if (document.RootElement.TryGetProperty("errors", out var errorsElement) && errorsElement.ValueKind != JsonValueKind.Null)
                    {
                        errors = errorsElement.ValueKind == JsonValueKind.String ? errorsElement.GetString() : errorsElement.GetRawText();
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON (an HTML error page, a truncated body): the raw body is kept below.
            }
        }

        var request = response.RequestMessage;
        return new AircallErrorDetails
        {
            StatusCode = response.StatusCode,
            Method = request?.Method.Method,
            Path = request?.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : null,
            Error = error,
            Troubleshoot = troubleshoot,
            Message = message,
            Errors = errors,
            RawBody = body,
            RateLimit = RateLimitHeaders.Parse(response.Headers, timeProvider.GetUtcNow()),
        };
    }

    private static string? ReadText(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content is null)
        {
            return string.Empty;
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxBodyBytes];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return Encoding.UTF8.GetString(buffer, 0, total);
        }
    }
}
