namespace Aircall.CallSync.OAuth;

/// <summary>Why an OAuth step failed; each member says what to do. Stored as its number: new members are only appended.</summary>
public enum AircallOAuthErrorReason
{
    /// <summary>Aircall answered something the SDK does not recognise; see the exception's status and error code.</summary>
    Unknown = 0,

    /// <summary>The authorization code is unknown, expired or already used (<c>invalid_grant</c>): start the install again
    /// from Aircall's dashboard; codes are single-use and short-lived.</summary>
    InvalidCode = 1,

    /// <summary>Aircall did not recognise the client id or secret (<c>invalid_client</c>, 401): check
    /// <c>Aircall:OAuth:ClientId</c> and <c>Aircall:OAuth:ClientSecret</c>.</summary>
    InvalidClient = 2,

    /// <summary>The redirect URI sent on the token exchange differs from the one of the consent request, or from the one
    /// registered with Aircall: make <c>Aircall:OAuth:RedirectUri</c> the exact registered value.</summary>
    RedirectUriMismatch = 3,

    /// <summary>The admin refused consent (<c>error=access_denied</c> on the callback). Nothing to fix; they may install again.</summary>
    AccessDenied = 4,

    /// <summary>The request lacked a field or had an invalid one (<c>invalid_request</c>), e.g. a callback without a code.</summary>
    InvalidRequest = 5,

    /// <summary>Aircall does not support the grant type (<c>unsupported_grant_type</c>).</summary>
    UnsupportedGrantType = 6,

    /// <summary>Aircall refused the scope (<c>invalid_scope</c>); <c>public_api</c> is the only scope.</summary>
    InvalidScope = 7,

    /// <summary>Aircall's token endpoint failed (5xx) or could not be reached: retry the install later.</summary>
    Unavailable = 8,

    /// <summary>Aircall answered 200 without an access token, or with a body that is not JSON.</summary>
    InvalidResponse = 9,
}
