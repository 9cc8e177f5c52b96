using System.Security.Cryptography;
using System.Text;

namespace Aircall.CallSync.Webhooks;

/// <summary>
/// Constant-time token comparison: both sides are reduced to SHA-256 digests and compared with
/// <see cref="CryptographicOperations.FixedTimeEquals"/>, so neither the content nor the length of a stored token leaks
/// through timing.
/// </summary>
internal static class WebhookTokenComparer
{
    /// <summary>The SHA-256 digest of a token, to keep instead of the token itself.</summary>
    /// <param name="token">The token.</param>
    public static byte[] Digest(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>Compares a received token with a stored digest in constant time.</summary>
    /// <param name="received">The token from the delivery.</param>
    /// <param name="expectedDigest">The <see cref="Digest(string)"/> of the expected token.</param>
    public static bool Matches(string received, ReadOnlySpan<byte> expectedDigest)
    {
        ArgumentNullException.ThrowIfNull(received);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        Digest(received, digest);
        return CryptographicOperations.FixedTimeEquals(digest, expectedDigest);
    }

    /// <summary>Writes the SHA-256 digest of <paramref name="token"/> into <paramref name="digest"/> (32 bytes) without allocating.</summary>
    internal static void Digest(string token, Span<byte> digest)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(token.Length);
        Span<byte> buffer = maxBytes <= 512 ? stackalloc byte[512] : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(token, buffer);
        SHA256.HashData(buffer[..length], digest);
    }

    /// <summary>Compares two tokens in constant time.</summary>
    /// <param name="received">The token from the delivery.</param>
    /// <param name="expected">The expected token.</param>
    public static bool Matches(string received, string expected) => Matches(received, Digest(expected));
}
