using System.Net;

namespace Aircall.CallSync.Http;

/// <summary>
/// A response body already read into one array by <see cref="ResponseBufferingHandler"/>, kept on the request as
/// <see cref="BodyKey"/> too, so that each call of a page can keep its own bytes as a slice of it (no copy per call).
/// </summary>
internal sealed class BufferedResponseContent(byte[] body, int length) : HttpContent
{
    /// <summary>Where the handler leaves the body on the request message.</summary>
    internal static readonly HttpRequestOptionsKey<ReadOnlyMemory<byte>> BodyKey = new("Aircall.CallSync.ResponseBody");

    /// <summary>The body, exactly as received.</summary>
    public ReadOnlyMemory<byte> Body { get; } = new(body, 0, length);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => stream.WriteAsync(Body).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        => stream.WriteAsync(Body, cancellationToken).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = Body.Length;
        return true;
    }

    protected override Task<Stream> CreateContentReadStreamAsync()
        => Task.FromResult<Stream>(new MemoryStream(body, 0, length, writable: false));
}
