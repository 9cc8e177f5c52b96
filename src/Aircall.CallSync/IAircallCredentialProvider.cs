namespace Aircall.CallSync;

/// <summary>
/// Supplies credentials for the accounts a multi-tenant application serves (for example OAuth tokens kept in the
/// partner's database). Asked on every request, so a rotated token takes effect at once: cache inside the
/// implementation if the lookup is expensive. Implementations must be thread-safe.
/// </summary>
public interface IAircallCredentialProvider
{
    /// <summary>Returns the credentials of <paramref name="accountId"/>.</summary>
    /// <param name="accountId">The application's own identifier of the Aircall account.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <exception cref="KeyNotFoundException">The account is unknown.</exception>
    ValueTask<AircallCredentials> GetCredentialsAsync(string accountId, CancellationToken cancellationToken);
}
