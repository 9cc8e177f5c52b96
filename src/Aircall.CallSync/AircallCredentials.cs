using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Aircall.CallSync;

/// <summary>
/// Credentials for one Aircall account: an api_id/api_token pair (Basic auth) or an OAuth access token (Bearer).
/// Instances never reveal the secret: <see cref="ToString"/> names only the scheme.
/// </summary>
public sealed class AircallCredentials : IEquatable<AircallCredentials>
{
    private readonly string _headerParameter;

    private AircallCredentials(string scheme, string headerParameter)
    {
        Scheme = scheme;
        _headerParameter = headerParameter;
        AccountKey = ComputeKey(scheme, headerParameter);
    }

    /// <summary><c>Basic</c> or <c>Bearer</c>.</summary>
    public string Scheme { get; }

    /// <summary>
    /// A stable, non-reversible key for the account these credentials open (a SHA-256 digest), used to share one rate
    /// limiter per account. Safe to log; it does not reveal the secret.
    /// </summary>
    public string AccountKey { get; }

    /// <summary>Basic auth with an API key created in Dashboard &gt; Integrations &amp; API.</summary>
    /// <param name="apiId">The api_id (username).</param>
    /// <param name="apiToken">The api_token (password), shown once at creation.</param>
    public static AircallCredentials Basic(string apiId, string apiToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiId);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiToken);
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(apiId.Trim() + ":" + apiToken.Trim()));
        return new AircallCredentials("Basic", encoded);
    }

    /// <summary>Bearer auth with an OAuth access token obtained through Aircall's partner OAuth flow.</summary>
    /// <param name="accessToken">The access token.</param>
    public static AircallCredentials Bearer(string accessToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
        return new AircallCredentials("Bearer", accessToken.Trim());
    }

    /// <summary>Names the scheme only.</summary>
    public override string ToString() => $"AircallCredentials ({Scheme})";

    /// <inheritdoc/>
    public bool Equals(AircallCredentials? other)
        => other is not null && string.Equals(AccountKey, other.AccountKey, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AircallCredentials);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(AccountKey);

    internal AuthenticationHeaderValue ToHeader() => new(Scheme, _headerParameter);

    internal static string ComputeKey(string scheme, string headerParameter)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(scheme + " " + headerParameter));
        return Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }
}
