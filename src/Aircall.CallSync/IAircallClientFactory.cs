namespace Aircall.CallSync;

/// <summary>
/// Creates <see cref="AircallClient"/>s for Aircall accounts, on the shared IHttpClientFactory pipeline. Clients are
/// cheap; create one per account and keep it, or create one per operation. Thread-safe.
/// </summary>
public interface IAircallClientFactory
{
    /// <summary>
    /// A client for the account these credentials open. Its rate limiter is keyed by
    /// <see cref="AircallCredentials.AccountKey"/>: credentials tagged with the same
    /// <see cref="AircallCredentials.AccountId"/> share one budget; untagged credentials have one budget per secret.
    /// </summary>
    /// <param name="credentials">Basic or Bearer credentials.</param>
    AircallClient CreateClient(AircallCredentials credentials);

    /// <summary>
    /// A client for an account of a multi-tenant application; its credentials are asked of the registered
    /// <see cref="IAircallCredentialProvider"/> on every request. It shares its rate limiter with every client of the same
    /// <paramref name="accountId"/>, including clients of credentials tagged with it
    /// (<see cref="AircallCredentials.WithAccountId"/>).
    /// </summary>
    /// <param name="accountId">The application's identifier of the account.</param>
    /// <exception cref="InvalidOperationException">No <see cref="IAircallCredentialProvider"/> is registered.</exception>
    AircallClient CreateClient(string accountId);
}
