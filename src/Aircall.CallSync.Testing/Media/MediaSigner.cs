using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.Testing.Media;

/// <summary>
/// Issues and checks the simulator's S3-style presigned links: the <c>X-Amz-*</c> query parameters of a SigV4 presigned
/// GET, signed with HMAC-SHA256 over the path and those parameters with the simulator's secret (derived from its seed).
/// The secret never leaves this class (no property, no log, no <c>ToString</c>). Thread-safe.
/// </summary>
internal sealed class MediaSigner
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The fake access key id in <c>X-Amz-Credential</c>; not a real AWS key.</summary>
    public const string AccessKeyId = "SIMULATORMEDIAKEY";

    public const string PathPrefix = "/simulator/media/";

    private const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";
    private const int MaxExpiresSeconds = 604_800; // S3's limit: 7 days

    private readonly byte[] _secret;

    /// <summary>The secret is derived from the seed (same seed, same links, as for the rest of the data); it is a test key, not a credential.</summary>
    public MediaSigner(TimeSpan lifetime, int seed)
    {
        _secret = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Aircall.CallSync.Testing media links, seed {seed}")));
        var seconds = Math.Ceiling(lifetime.TotalSeconds);
        if (seconds is < 1 or > MaxExpiresSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "RecordingLinkLifetime must be between 1 second and 7 days (S3's X-Amz-Expires range).");
        }

        ExpiresSeconds = (int)seconds;
    }

    /// <summary>The <c>X-Amz-Expires</c> of every link issued.</summary>
    public int ExpiresSeconds { get; }

    /// <summary>The path of a call's file: <c>/simulator/media/{account}/{callId}/recording.mp3</c> (unescaped).</summary>
    public static string PathOf(string account, long callId, MediaKind kind)
        => string.Create(CultureInfo.InvariantCulture, $"{PathPrefix}{account}/{callId}/{FileName(kind)}");

    public static string FileName(MediaKind kind) => kind == MediaKind.Recording ? "recording.mp3" : "voicemail.mp3";

    /// <summary>A link to the file on <paramref name="baseAddress"/>'s origin, valid from <paramref name="now"/> (to the second) for <see cref="ExpiresSeconds"/>.</summary>
    public string Issue(Uri baseAddress, string account, long callId, MediaKind kind, DateTimeOffset now)
    {
        var date = now.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);
        var credential = string.Create(CultureInfo.InvariantCulture, $"{AccessKeyId}/{date[..8]}/us-east-1/s3/aws4_request");
        var expires = ExpiresSeconds.ToString(CultureInfo.InvariantCulture);
        var signature = Sign(PathOf(account, callId, kind), credential, date, expires, "host");
        var origin = baseAddress.GetLeftPart(UriPartial.Authority);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{origin}{PathPrefix}{Uri.EscapeDataString(account)}/{callId}/{FileName(kind)}?X-Amz-Algorithm={Algorithm}&X-Amz-Credential={Uri.EscapeDataString(credential)}&X-Amz-Date={date}&X-Amz-Expires={expires}&X-Amz-SignedHeaders=host&X-Amz-Signature={signature}");
    }

    /// <summary>Checks a request's link at <paramref name="now"/>; <paramref name="expiresAt"/> is when it stops working, when the parameters parse.</summary>
    public LinkCheck Check(string path, IQueryCollection query, DateTimeOffset now, out DateTimeOffset expiresAt)
    {
        expiresAt = default;
        string algorithm = query["X-Amz-Algorithm"].ToString(), credential = query["X-Amz-Credential"].ToString(), date = query["X-Amz-Date"].ToString();
        string expires = query["X-Amz-Expires"].ToString(), headers = query["X-Amz-SignedHeaders"].ToString(), signature = query["X-Amz-Signature"].ToString();
        if (algorithm.Length == 0 || credential.Length == 0 || date.Length == 0 || expires.Length == 0 || headers.Length == 0 || signature.Length == 0)
        {
            return LinkCheck.MissingParameters;
        }

        if (!DateTimeOffset.TryParseExact(date, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var issued)
            || !int.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > MaxExpiresSeconds)
        {
            return LinkCheck.MissingParameters;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(path, credential, date, expires, headers));
        var given = Encoding.ASCII.GetBytes(signature);
        if (!string.Equals(algorithm, Algorithm, StringComparison.Ordinal) || !CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return LinkCheck.BadSignature;
        }

        expiresAt = issued.AddSeconds(seconds);
        return now > expiresAt ? LinkCheck.Expired : LinkCheck.Valid;
    }

    private string Sign(string path, string credential, string date, string expires, string signedHeaders)
    {
        var text = string.Join('\n', Algorithm, path, credential, date, expires, signedHeaders);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(text)));
    }
}
