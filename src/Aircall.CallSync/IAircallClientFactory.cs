namespace Aircall.CallSync;

/// <summary>
/// Creates <see cref="AircallClient"/>s for Aircall accounts, on the shared IHttpClientFactory pipeline. Clients are
/// cheap; create one per account and keep it, or create one per operation. Thread-safe.
/// </summary>
public interface IAircallClientFactory
{
    /// <summary>A client for the account these credentials open.</summary>
    /// <param name="credentials">Basic or Bearer credentials.</param>
    AircallClient CreateClient(AircallCredentials credentials);

    /// <summary>
    /// A client for an account of a multi-tenant application; its credentials are asked of the registered
    /// <see cref="IAircallCredentialProvider"/> on every request.
    /// </summary>
    /// <param name="accountId">The application's identifier of the account.</param>
    /// <exception cref="InvalidOperationException">No <see cref="IAircallCredentialProvider"/> is registered.</exception>
    AircallClient CreateClient(string accountId);
}
