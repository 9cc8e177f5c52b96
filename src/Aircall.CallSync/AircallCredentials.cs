using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Aircall.CallSync;

/// <summary>
/// Credentials for one Aircall account: an api_id/api_token pair (Basic auth) or an OAuth access token (Bearer),
/// optionally tagged with the <see cref="AccountId"/> of the company they open. Immutable and thread-safe. Instances never
/// reveal the secret: <see cref="ToString"/> names only the scheme and the account id.
/// </summary>
public sealed class AircallCredentials : IEquatable<AircallCredentials>
{
    private readonly string _headerParameter;

    private readonly string _secretKey;

    private AircallCredentials(string scheme, string headerParameter, string? accountId = null)
    {
        Scheme = scheme;
        _headerParameter = headerParameter;
        AccountId = accountId;
        _secretKey = ComputeKey(scheme, headerParameter);
        AccountKey = accountId is null ? _secretKey : AccountKeyOf(accountId);
    }

    /// <summary>
    /// Your identifier of the Aircall company these credentials open, set with <see cref="WithAccountId"/>; <c>null</c>
    /// when not said. Aircall's rate limit is per company: credentials with the same account id (an API key and an OAuth
    /// token of one company, say) share one client-side rate limiter, and share it with clients of
    /// <see cref="IAircallClientFactory.CreateClient(string)"/> for that id. Not a secret: it appears in
    /// <see cref="AccountKey"/>, <see cref="ToString"/> and logs.
    /// </summary>
    public string? AccountId { get; }

    /// <summary><c>Basic</c> or <c>Bearer</c>.</summary>
    public string Scheme { get; }

    /// <summary>
    /// A stable key for the account these credentials open, used to share one rate limiter (and checkpoint keys) per
    /// account: <c>account:</c> followed by <see cref="AccountId"/> when one is set, otherwise a non-reversible digest
    /// (SHA-256) of the credentials, so that two different keys of one company count as two accounts unless they carry
    /// the same account id. Safe to log; it never reveals the secret.
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

    /// <summary>
    /// The same credentials, tagged with the company they open: every client whose credentials carry the same
    /// <paramref name="accountId"/> (Basic or Bearer), and every client of
    /// <see cref="IAircallClientFactory.CreateClient(string)"/> with it, spends one budget, as Aircall counts it.
    /// </summary>
    /// <param name="accountId">Your identifier of the company (compared ordinally); not a secret, it is logged.</param>
    /// <returns>New credentials; this instance is unchanged.</returns>
    public AircallCredentials WithAccountId(string accountId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        return new AircallCredentials(Scheme, _headerParameter, accountId);
    }

    /// <summary>Names the scheme and the account id only.</summary>
    public override string ToString() => AccountId is null ? $"AircallCredentials ({Scheme})" : $"AircallCredentials ({Scheme}, account {AccountId})";

    /// <summary>The same secret and the same <see cref="AccountId"/>.</summary>
    /// <param name="other">The credentials to compare with.</param>
    public bool Equals(AircallCredentials? other)
        => other is not null && string.Equals(_secretKey, other._secretKey, StringComparison.Ordinal)
           && string.Equals(AccountId, other.AccountId, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AircallCredentials);

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(StringComparer.Ordinal.GetHashCode(_secretKey), AccountId is null ? 0 : StringComparer.Ordinal.GetHashCode(AccountId));

    /// <summary>The rate-limiter key of an account id, the same for credentials and for <c>CreateClient(accountId)</c>.</summary>
    internal static string AccountKeyOf(string accountId) => "account:" + accountId;

    internal AuthenticationHeaderValue ToHeader() => new(Scheme, _headerParameter);

    internal static string ComputeKey(string scheme, string headerParameter)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(scheme + " " + headerParameter));
        return Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }
}
