using System.Net.Http.Headers;

namespace Aircall.CallSync.Tests.TestSupport;

/// <summary>A request as it left the SDK's pipeline (what Aircall would have received).</summary>
internal sealed record SentRequest(
    HttpMethod Method,
    Uri Uri,
    AuthenticationHeaderValue? Authorization,
    string UserAgent,
    string? ContentType,
    string? Body)
{
    /// <summary>The decoded query string without the leading <c>?</c>.</summary>
    public string Query => Uri.UnescapeDataString(Uri.Query.TrimStart('?'));

    internal static async Task<SentRequest> FromAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = null;
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            body = await request.Content.ReadAsStringAsync(cancellationToken);
        }

        return new SentRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.Authorization,
            request.Headers.UserAgent.ToString(),
            request.Content?.Headers.ContentType?.MediaType,
            body);
    }
}
