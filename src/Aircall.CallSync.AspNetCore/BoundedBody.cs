using System.Buffers;

namespace Aircall.CallSync.AspNetCore;

/// <summary>Reads a request body once into a pooled buffer, stopping as soon as it passes a size limit.</summary>
internal static class BoundedBody
{
    /// <summary>
    /// Reads <paramref name="body"/> into a rented buffer. Returns <c>null</c> when the body is larger than
    /// <paramref name="limit"/>; otherwise the caller returns the <see cref="Lease"/>'s buffer to the pool by disposing it.
    /// </summary>
    internal static async ValueTask<Lease?> ReadAsync(Stream body, long? contentLength, int limit, CancellationToken cancellationToken)
    {
        if (contentLength > limit)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(contentLength is { } known and > 0 ? (int)known + 1 : Math.Min(limit + 1, 16 * 1024));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return null;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length, buffer.Length - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return null;
                }
            }

            return new Lease(buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>A rented buffer holding a body; dispose to return it.</summary>
    internal sealed class Lease(byte[] buffer, int length) : IDisposable
    {
        public ReadOnlyMemory<byte> Memory => buffer.AsMemory(0, length);

        public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);
    }
}
