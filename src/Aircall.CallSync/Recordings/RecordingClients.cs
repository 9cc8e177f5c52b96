using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace Aircall.CallSync.Recordings;

/// <summary>
/// The client that re-fetches a call for the archiver, so that the account's rate limiter counts the request: for a
/// job with an account id and a registered <see cref="IAircallCredentialProvider"/>,
/// <see cref="IAircallClientFactory.CreateClient(string)"/> of that account; otherwise the configured
/// <see cref="AircallClient"/>.
/// </summary>
internal sealed class RecordingClients(IServiceProvider services)
{
    private readonly ConcurrentDictionary<string, AircallClient> _byAccount = new(StringComparer.Ordinal);
    private AircallClient? _default;

    internal AircallClient For(string? accountId)
    {
        if (accountId is not null && services.GetService<IAircallCredentialProvider>() is not null)
        {
            return _byAccount.GetOrAdd(accountId, static (id, factory) => factory.CreateClient(id), services.GetRequiredService<IAircallClientFactory>());
        }

        return _default ??= services.GetService<AircallClient>() ?? throw new InvalidOperationException(
            "The recording archiver has no Aircall client to re-fetch calls with: configure Aircall:ApiId and Aircall:ApiToken "
            + "(or Aircall:AccessToken), or register an IAircallCredentialProvider for accounts' calls.");
    }
}
