using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Aircall.CallSync.Testing.Media;

/// <summary>
/// The bytes one download serves, described rather than held: a head (the embedded file itself, or an ID3v2 tag padded to
/// the exact size asked), then the source's frames repeated, then a prefix of whole frames. A 50 MB file costs a few
/// kilobytes; any range of it is written straight from the small source.
/// </summary>
internal sealed class MediaContent
{
    private readonly byte[] _head;
    private readonly ReadOnlyMemory<byte> _body;
    private readonly long _repeats;
    private readonly int _prefix;

    private MediaContent(byte[] head, ReadOnlyMemory<byte> body, long repeats, int prefix)
    {
        _head = head;
        _body = body;
        _repeats = repeats;
        _prefix = prefix;
        Length = head.Length + (body.Length * repeats) + prefix;
        ETag = MakeETag(head, body.Span, Length);
    }

    /// <summary>The size in bytes (the <c>Content-Length</c> of a whole download).</summary>
    public long Length { get; }

    /// <summary>A strong entity tag, quoted, the same for the same bytes.</summary>
    public string ETag { get; }

    /// <summary>The embedded file as it is.</summary>
    public static MediaContent Natural(Mp3Source source) => new(source.File, ReadOnlyMemory<byte>.Empty, 0, 0);

    /// <summary>A valid MP3 of exactly <paramref name="size"/> bytes made of <paramref name="source"/>'s frames.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size cannot hold the tag and one frame.</exception>
    public static MediaContent Sized(Mp3Source source, long size)
    {
        var tag = Tag(source.Title, size);
        var body = source.Frames;
        var audio = size - tag.Length;
        if (audio < source.FrameLengths[0])
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"A sized recording holds at least {MinimumSize(source)} bytes (a tag and one frame).");
        }

        var repeats = audio / body.Length;
        var rest = (int)(audio % body.Length);
        var prefix = 0;
        foreach (var frame in source.FrameLengths)
        {
            if (prefix + frame > rest)
            {
                break;
            }

            prefix += frame;
        }

        var padding = rest - prefix; // less than one frame: goes into the tag's padding
        var head = new byte[tag.Length + padding];
        tag.CopyTo(head, 0);
        WriteSynchsafe(head.AsSpan(6), head.Length - 10);
        return new MediaContent(head, body, repeats, prefix);
    }

    /// <summary>The smallest size <see cref="Sized"/> accepts for <paramref name="source"/>.</summary>
    public static long MinimumSize(Mp3Source source) => Tag(source.Title, 0).Length + source.FrameLengths[0];

    /// <summary>Writes bytes <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="count"/> − 1, in pieces of at most <paramref name="maxChunk"/> bytes, each after <paramref name="beforeChunk"/>.</summary>
    public async Task WriteAsync(Stream destination, long offset, long count, int maxChunk, Func<int, CancellationToken, ValueTask>? beforeChunk, CancellationToken cancellationToken)
    {
        var position = offset;
        var end = offset + count;
        while (position < end)
        {
            var chunk = ChunkAt(position);
            var length = (int)Math.Min(Math.Min(chunk.Length, end - position), maxChunk);
            if (beforeChunk is not null)
            {
                await beforeChunk(length, cancellationToken).ConfigureAwait(false);
            }

            await destination.WriteAsync(chunk[..length], cancellationToken).ConfigureAwait(false);
            position += length;
        }
    }

    /// <summary>The contiguous bytes of the source that start at <paramref name="position"/>, up to the end of their piece.</summary>
    private ReadOnlyMemory<byte> ChunkAt(long position)
    {
        if (position < _head.Length)
        {
            return _head.AsMemory((int)position);
        }

        var inBody = position - _head.Length;
        var repeated = _body.Length * _repeats;
        return inBody < repeated
            ? _body[(int)(inBody % _body.Length)..]
            : _body[(int)(inBody - repeated).._prefix];
    }

    /// <summary>An ID3v2.3 tag with one <c>TIT2</c> (title) frame; its size field is fixed up by the caller.</summary>
    private static byte[] Tag(string title, long size)
    {
        var text = Encoding.Latin1.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{title} ({size} bytes)"));
        var tag = new byte[10 + 10 + 1 + text.Length];
        "ID3"u8.CopyTo(tag);
        tag[3] = 3; // version 2.3.0
        "TIT2"u8.CopyTo(tag.AsSpan(10));
        BinaryPrimitives.WriteInt32BigEndian(tag.AsSpan(14), 1 + text.Length);
        tag[20] = 0; // ISO-8859-1
        text.CopyTo(tag, 21);
        WriteSynchsafe(tag.AsSpan(6), tag.Length - 10);
        return tag;
    }

    private static void WriteSynchsafe(Span<byte> destination, int value)
    {
        destination[0] = (byte)((value >> 21) & 0x7F);
        destination[1] = (byte)((value >> 14) & 0x7F);
        destination[2] = (byte)((value >> 7) & 0x7F);
        destination[3] = (byte)(value & 0x7F);
    }

    private static string MakeETag(byte[] head, ReadOnlySpan<byte> body, long length)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(head);
        hash.AppendData(body);
        Span<byte> size = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(size, length);
        hash.AppendData(size);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return "\"" + Convert.ToHexStringLower(digest[..16]) + "\"";
    }
}
