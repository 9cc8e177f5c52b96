namespace Aircall.CallSync.Accounts;

/// <summary>What became of an install callback, and so what to answer the browser. Stored as its number: new members
/// are only appended.</summary>
public enum AircallInstallOutcome
{
    /// <summary>The account is saved, its webhook ensured and its first backfill scheduled. Redirect (302) to the success page.</summary>
    Installed = 0,

    /// <summary>The callback's state is missing, forged, expired or already used. Answer 400; nothing changed.</summary>
    InvalidState = 1,

    /// <summary>The admin declined consent. Answer 400; nothing changed.</summary>
    AccessDenied = 2,

    /// <summary>Aircall refused the authorization code (unknown, expired or replayed), or the callback carried none. Answer
    /// 400; nothing changed.</summary>
    InvalidCode = 3,

    /// <summary>Aircall refused the app's client id, secret or redirect URI: a configuration error to fix. Answer 500;
    /// nothing changed.</summary>
    Misconfigured = 4,

    /// <summary>Aircall could not be reached or failed before the account was known. Answer 502; nothing changed; the admin
    /// can install again.</summary>
    Unavailable = 5,

    /// <summary>The account and its token are saved (<see cref="AircallAccountStatus.Installing"/>, with
    /// <see cref="AircallAccount.LastError"/>) but a later step failed, e.g. creating the webhook. Answer 502; installing
    /// again, or <see cref="AircallInstallFlow.ResumeAsync"/>, finishes it without duplicating anything.</summary>
    Incomplete = 6,
}
