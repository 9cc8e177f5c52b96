namespace Aircall.CallSync.Accounts;

/// <summary>
/// The account's credentials cannot be used: it was uninstalled, or Aircall refused its token and an admin must install
/// the app again (<see cref="Status"/> says which). Thrown instead of calling Aircall, so a revoked account costs no
/// requests. Carries no token.
/// </summary>
public sealed class AircallAccountUnavailableException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="status">Its status.</param>
    public AircallAccountUnavailableException(string accountId, AircallAccountStatus status)
        : base(Describe(accountId, status))
    {
        AccountId = accountId;
        Status = status;
    }

    /// <summary>The account.</summary>
    public string AccountId { get; }

    /// <summary>Its status: <see cref="AircallAccountStatus.NeedsReinstall"/> or <see cref="AircallAccountStatus.Uninstalled"/>.</summary>
    public AircallAccountStatus Status { get; }

    private static string Describe(string accountId, AircallAccountStatus status) => status switch
    {
        AircallAccountStatus.NeedsReinstall => $"Aircall account '{accountId}' needs to be installed again: Aircall refused its access token (403). An admin of the company must install the app again from Aircall's dashboard; no request was sent.",
        AircallAccountStatus.Uninstalled => $"Aircall account '{accountId}' uninstalled the app: its access token is forgotten. Its stored calls stay; an admin can install the app again. No request was sent.",
        _ => $"Aircall account '{accountId}' has no usable access token ({status}); no request was sent.",
    };
}
