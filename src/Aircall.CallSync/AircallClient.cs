using Aircall.CallSync.Api;

namespace Aircall.CallSync;

/// <summary>
/// The Aircall Public API for one account: <see cref="Calls"/>, <see cref="Webhooks"/> and <see cref="Ping"/>.
/// Thread-safe; get it from <see cref="IAircallClientFactory"/> or, for the account configured in
/// <c>AddAircallCallSync</c>, from dependency injection.
/// </summary>
public class AircallClient
{
    /// <summary>Creates a client over the given API implementations (for tests and mocks).</summary>
    /// <param name="calls">The calls API.</param>
    /// <param name="webhooks">The webhooks API.</param>
    /// <param name="ping">The ping API.</param>
    /// <param name="accountKey">The non-secret key of the account (see <see cref="AircallCredentials.AccountKey"/>).</param>
    public AircallClient(ICallsApi calls, IWebhooksApi webhooks, IPingApi ping, string accountKey)
    {
        Calls = calls ?? throw new ArgumentNullException(nameof(calls));
        Webhooks = webhooks ?? throw new ArgumentNullException(nameof(webhooks));
        Ping = ping ?? throw new ArgumentNullException(nameof(ping));
        AccountKey = accountKey ?? throw new ArgumentNullException(nameof(accountKey));
    }

    /// <summary><c>/v1/calls</c>.</summary>
    public virtual ICallsApi Calls { get; }

    /// <summary><c>/v1/webhooks</c>.</summary>
    public virtual IWebhooksApi Webhooks { get; }

    /// <summary><c>/v1/ping</c>.</summary>
    public virtual IPingApi Ping { get; }

    /// <summary>A non-secret key of the account (the credentials' digest, or the account id given to the factory).</summary>
    public virtual string AccountKey { get; }

    /// <summary>Names the account key only.</summary>
    public override string ToString() => $"AircallClient (account {AccountKey})";
}
