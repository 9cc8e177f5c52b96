using Aircall.CallSync.OAuth;

namespace Aircall.CallSync.Accounts;

/// <summary>The result of <see cref="AircallInstallFlow.CompleteAsync"/>: what happened and what to answer. Carries no
/// code, state or token; <see cref="Message"/> is safe to show to the admin.</summary>
public sealed class AircallInstallResult
{
    /// <summary>Creates a result (for tests of your own endpoints; the flow creates them otherwise).</summary>
    /// <param name="outcome">What happened.</param>
    /// <param name="message">A short, safe explanation for the admin.</param>
    /// <param name="accountId">The account, once known.</param>
    /// <param name="redirectUri">Where to send the browser after a successful install.</param>
    /// <param name="oauthError">Which OAuth problem it was, for OAuth failures.</param>
    public AircallInstallResult(AircallInstallOutcome outcome, string message, string? accountId = null, Uri? redirectUri = null, AircallOAuthErrorReason? oauthError = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        Outcome = outcome;
        Message = message;
        AccountId = accountId;
        RedirectUri = redirectUri;
        OAuthError = oauthError;
    }

    /// <summary>What happened.</summary>
    public AircallInstallOutcome Outcome { get; }

    /// <summary>Whether the install completed.</summary>
    public bool IsSuccess => Outcome == AircallInstallOutcome.Installed;

    /// <summary>The HTTP status to answer: 302 (installed), 400 (bad state, declined consent, refused code), 500 (the
    /// app's OAuth configuration) or 502 (Aircall failed; try again).</summary>
    public int StatusCode => Outcome switch
    {
        AircallInstallOutcome.Installed => 302,
        AircallInstallOutcome.InvalidState or AircallInstallOutcome.AccessDenied or AircallInstallOutcome.InvalidCode => 400,
        AircallInstallOutcome.Misconfigured => 500,
        _ => 502,
    };

    /// <summary>The account the install is for, once Aircall said which company it is; <c>null</c> before.</summary>
    public string? AccountId { get; }

    /// <summary>Where to redirect the browser after a successful install (<see cref="AircallOAuthOptions.SuccessUri"/>);
    /// <c>null</c> otherwise.</summary>
    public Uri? RedirectUri { get; }

    /// <summary>Which OAuth problem it was, for OAuth failures; <c>null</c> otherwise.</summary>
    public AircallOAuthErrorReason? OAuthError { get; }

    /// <summary>A short, safe explanation (suitable for the response body and logs).</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Outcome}: {Message}";
}
