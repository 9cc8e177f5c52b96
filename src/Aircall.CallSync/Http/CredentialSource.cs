namespace Aircall.CallSync.Http;

/// <summary>Where a client's credentials come from: fixed, or a provider asked per request.</summary>
internal abstract class CredentialSource
{
    public abstract ValueTask<AircallCredentials> GetAsync(CancellationToken cancellationToken);

    /// <summary>Told when Aircall refused the credentials (401/403); does nothing unless the provider observes it.</summary>
    public virtual ValueTask OnRejectedAsync(AircallCredentials credentials, int statusCode, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public static CredentialSource Fixed(AircallCredentials credentials) => new FixedSource(credentials);

    public static CredentialSource FromProvider(IAircallCredentialProvider provider, string accountId) => new ProviderSource(provider, accountId);

    private sealed class FixedSource(AircallCredentials credentials) : CredentialSource
    {
        public override ValueTask<AircallCredentials> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(credentials);
    }

    private sealed class ProviderSource(IAircallCredentialProvider provider, string accountId) : CredentialSource
    {
        public override async ValueTask<AircallCredentials> GetAsync(CancellationToken cancellationToken)
            => await provider.GetCredentialsAsync(accountId, cancellationToken).ConfigureAwait(false)
               ?? throw new InvalidOperationException($"{provider.GetType().Name} returned no credentials for the account.");

        public override ValueTask OnRejectedAsync(AircallCredentials credentials, int statusCode, CancellationToken cancellationToken)
            => provider is ICredentialRejectionObserver observer
                ? observer.OnRejectedAsync(accountId, credentials, statusCode, cancellationToken)
                : ValueTask.CompletedTask;
    }
}
