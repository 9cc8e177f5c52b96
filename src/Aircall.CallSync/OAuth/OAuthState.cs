using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Aircall.CallSync.OAuth;

/// <summary>OAuth states: 256 random bits, URL-safe, and their SHA-256 digest (the only form that is stored).</summary>
internal static class OAuthState
{
    /// <summary>Longer callback states are not ours (ours are 43 characters): refused before hashing.</summary>
    internal const int MaxLength = 256;

    internal static string Create()
    {
        Span<byte> random = stackalloc byte[32];
        RandomNumberGenerator.Fill(random);
        return Base64Url.EncodeToString(random);
    }

    internal static byte[] Digest(string state) => SHA256.HashData(Encoding.UTF8.GetBytes(state));

    /// <summary>The digest as the URL-safe text a cookie holds.</summary>
    internal static string DigestText(string state) => Base64Url.EncodeToString(Digest(state));

    internal static bool IsPlausible(string? state) => !string.IsNullOrEmpty(state) && state.Length <= MaxLength;
}
