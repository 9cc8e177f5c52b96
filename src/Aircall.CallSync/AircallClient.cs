using Aircall.CallSync.Api;
using Aircall.CallSync.Http;
using Aircall.CallSync.Storage;
using Microsoft.Extensions.Logging;

namespace Aircall.CallSync;

/// <summary>
/// The Aircall Public API for one account: <see cref="Calls"/>, <see cref="Webhooks"/>, <see cref="Integrations"/> and <see cref="Ping"/>.
/// Thread-safe; get it from <see cref="IAircallClientFactory"/> or, for the account configured in
/// <c>AddAircallCallSync</c>, from dependency injection.
/// </summary>
public class AircallClient
{
    /// <summary>For mocking: a client whose members all return <c>null</c> until overridden.</summary>
    protected AircallClient()
    {
        Calls = null!;
        Webhooks = null!;
        Ping = null!;
        Integrations = null!;
        AccountKey = string.Empty;
        _pages = null!;
        _services = AircallClientServices.Default;
    }

    internal AircallClient(ICallsApi calls, ICallPagesApi pages, IWebhooksApi webhooks, IPingApi ping, string accountKey, AircallClientServices? services, IIntegrationsApi? integrations = null)
    {
        Calls = calls ?? throw new ArgumentNullException(nameof(calls));
        _pages = pages ?? throw new ArgumentNullException(nameof(pages));
        Webhooks = webhooks ?? throw new ArgumentNullException(nameof(webhooks));
        Ping = ping ?? throw new ArgumentNullException(nameof(ping));
        Integrations = integrations!;
        AccountKey = accountKey ?? throw new ArgumentNullException(nameof(accountKey));
        _services = services ?? AircallClientServices.Default;
    }

    private readonly ICallPagesApi _pages;

    /// <summary>The list endpoints as the pager sees them (tests reach them through this).</summary>
    internal ICallPagesApi Pages => _pages;
    private readonly AircallClientServices _services;

    /// <summary><c>/v1/calls</c>.</summary>
    public virtual ICallsApi Calls { get; }

    /// <summary><c>/v1/webhooks</c>.</summary>
    public virtual IWebhooksApi Webhooks { get; }

    /// <summary><c>/v1/ping</c>.</summary>
    public virtual IPingApi Ping { get; }

    /// <summary><c>/v1/integrations</c>: the OAuth integration of the account (OAuth clients only).</summary>
    public virtual IIntegrationsApi Integrations { get; }

    /// <summary>
    /// A non-secret key of the account: <c>account:</c> and the account id given to the factory or to
    /// <see cref="AircallCredentials.WithAccountId"/>, otherwise the credentials' digest. Clients with the same key share
    /// one rate limiter.
    /// </summary>
    public virtual string AccountKey { get; }

    /// <summary>
    /// What the account's client-side rate limiter has done since the process started (shared by every client of the
    /// account). Empty for clients not created by <see cref="IAircallClientFactory"/>.
    /// </summary>
    public virtual RateLimitStatistics RateLimit => _services.RateLimit();

    /// <summary>
    /// How long a request sent now would wait in the account's client-side rate limiter before it goes out: zero when the
    /// budget allows it at once. An estimate, for deciding whether to do other work first (fleet sync ends a slice rather
    /// than wait long): other clients of the account may take the budget first, and Aircall's headers may change it.
    /// Thread-safe; zero for clients not created by <see cref="IAircallClientFactory"/>.
    /// </summary>
    public virtual TimeSpan EstimateRateLimitWait() => _services.RateLimitWait();

    /// <summary>
    /// Captures what the account's client-side rate limiter knows of the recent budget (the requests it counted within the
    /// last window, a block after a 429, what Aircall's headers said, the measured latency), to restore it with
    /// <see cref="RestoreRateLimitState"/> in the process that calls the account next, so that a restart or a move to
    /// another worker never draws a 429. <see cref="Sync.CallSyncRunner"/> does this itself, in its checkpoint. Restoring
    /// allows for one more request sent after the capture (a process killed mid-request). Thread-safe; an empty state for
    /// clients not created by <see cref="IAircallClientFactory"/>.
    /// </summary>
    public virtual RateLimitState ExportRateLimitState() => new(_services.ExportRateLimit(closed: false));

    /// <summary>
    /// Merges a state captured by <see cref="ExportRateLimitState"/> (in another process, or this one) into the account's
    /// limiter, before the first request: from then on, requests wait as if this process had sent the captured ones. The
    /// stricter of the two wins everywhere (each recent request, the block, Aircall's remaining budget and limit), so
    /// restoring the same state twice counts nothing twice; two processes sending for one account at the same time still
    /// each need their share of the budget. The state is bounded before anyone waits on it: a capture from a clock ahead
    /// of this one is taken as now, a block or reset further than <c>Aircall:RateLimit:MaxResetWait</c> is cut to it, and
    /// only the last window's requests, at most the limit, are kept. Thread-safe; nothing for clients not created by
    /// <see cref="IAircallClientFactory"/>.
    /// </summary>
    /// <param name="state">The state, for example from <see cref="RateLimitState.Parse"/>.</param>
    public virtual void RestoreRateLimitState(RateLimitState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _services.RestoreRateLimit(state.Data);
    }

    /// <summary>The limiter state for a checkpoint; <paramref name="closed"/> when the caller sends nothing after it.</summary>
    internal RateLimitStateData ExportRateLimitData(bool closed) => _services.ExportRateLimit(closed);

    /// <summary>Merges a state from a checkpoint into the account's limiter.</summary>
    internal void RestoreRateLimitData(RateLimitStateData state) => _services.RestoreRateLimit(state);

    /// <summary>
    /// Every call of <paramref name="query"/> (all calls by default), oldest first, 50 per request, inside the account's
    /// rate limit and past Aircall's 10,000-result cap: <c>await foreach (var call in client.GetCallsAsync(query))</c>, or
    /// <c>.AsPages(checkpoint)</c> for pages with checkpoints. Nothing is requested until you enumerate.
    /// </summary>
    /// <param name="query">The time range and filters; <c>null</c> for every call the API serves.</param>
    public virtual CallPageable GetCallsAsync(CallQuery? query = null)
        => new(_pages, query ?? CallQuery.All, _services.TimeProvider, _services.Loggers?.CreateLogger("Aircall.CallSync.Paging"), maxClockSkew: _services.MaxClockSkew);

    /// <summary>Names the account key only.</summary>
    public override string ToString() => $"AircallClient (account {AccountKey})";
}
