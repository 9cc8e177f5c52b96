namespace Aircall.CallSync.OAuth;

/// <summary>
/// A consent request the SDK issued: the URL to redirect the admin's browser to, and the random <c>state</c> in it. The
/// state's digest is remembered by <see cref="IOAuthStateStore"/> until the callback consumes it. Do not log either:
/// <see cref="ToString"/> names the consent page only.
/// </summary>
public sealed class AircallAuthorizationRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="url">The consent URL with <c>client_id</c>, <c>redirect_uri</c>, <c>response_type=code</c>,
    /// <c>scope=public_api</c> and <c>state</c>.</param>
    /// <param name="state">The state in it.</param>
    /// <param name="expiresAt">When the state stops being accepted (UTC).</param>
    public AircallAuthorizationRequest(Uri url, string state, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrEmpty(state);
        Url = url;
        State = state;
        ExpiresAt = expiresAt;
    }

    /// <summary>The consent URL to redirect to (302).</summary>
    public Uri Url { get; }

    /// <summary>The random state (URL-safe, 43 characters): bind it to the browser too (a cookie holding its digest), so a
    /// callback started in another browser is refused.</summary>
    public string State { get; }

    /// <summary>When the state stops being accepted (UTC).</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Names the consent page, without the query (which holds the state).</summary>
    public override string ToString() => $"AircallAuthorizationRequest ({Url.GetLeftPart(UriPartial.Path)})";
}
