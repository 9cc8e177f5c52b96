namespace Aircall.CallSync.Accounts;

/// <summary>Where an installed account stands. Stored as its number: new members are only ever appended.</summary>
public enum AircallAccountStatus
{
    /// <summary>The OAuth callback arrived and the token is saved, but the install has not finished (webhook, backfill).
    /// Retrying the install completes it.</summary>
    Installing = 0,

    /// <summary>Installed: webhooks are accepted and the account is synced.</summary>
    Active = 1,

    /// <summary>Aircall refused the account's access token (403): syncing stopped until an admin installs the app again.</summary>
    NeedsReinstall = 2,

    /// <summary>Uninstalled (<c>integration.deleted</c>): credentials and webhook token are forgotten; stored calls stay.</summary>
    Uninstalled = 3,
}
