using Aircall.CallSync.Models;
using Aircall.CallSync.Testing.Data;
using Aircall.CallSync.Testing.Http;
using Aircall.CallSync.Testing.Webhooks;

namespace Aircall.CallSync.Testing;

/// <summary>
/// One Aircall company in the simulator: its credentials, calls, webhooks and rate limit, separate from every other
/// account's. Thread-safe.
/// </summary>
public sealed class SimulatedAccount
{
    private readonly TimeProvider _clock;

    internal SimulatedAccount(string apiId, string apiToken, string? accessToken, CallTimeline calls, WebhookRegistry webhooks, ArrivalRateLimiter limiter, TimeProvider clock)
    {
        ApiId = apiId;
        ApiToken = apiToken;
        AccessToken = accessToken;
        Timeline = calls;
        WebhookRegistry = webhooks;
        Limiter = limiter;
        _clock = clock;
    }

    /// <summary>The api_id (Basic auth username); also how <see cref="SimulatorRequest.Account"/> names the account.</summary>
    public string ApiId { get; }

    /// <summary>The api_token (Basic auth password).</summary>
    public string ApiToken { get; }

    /// <summary>An OAuth access token that opens this account too, or <c>null</c>.</summary>
    public string? AccessToken { get; }

    /// <summary>Basic credentials for this account, for <c>IAircallClientFactory.CreateClient</c>.</summary>
    public AircallCredentials Credentials => AircallCredentials.Basic(ApiId, ApiToken);

    /// <summary>How many calls the account holds now.</summary>
    public int CallCount => Timeline.Count;

    internal CallTimeline Timeline { get; }

    internal WebhookRegistry WebhookRegistry { get; }

    internal ArrivalRateLimiter Limiter { get; }

    /// <summary>
    /// Adds calls created at <paramref name="at"/> (default: now on the simulator's clock), for example during an
    /// enumeration to reproduce page drift. The calls are complete (<c>done</c>) right away.
    /// </summary>
    /// <param name="count">How many calls.</param>
    /// <param name="at">Their <c>started_at</c>, truncated to the second.</param>
    /// <returns>The new calls' ids.</returns>
    public IReadOnlyList<long> AddCalls(int count, DateTimeOffset? at = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Timeline.Add(count, at ?? _clock.GetUtcNow());
    }

    /// <summary>The call as <c>GET /v1/calls/{id}</c> returns it, or <c>null</c> when this account has no such call.</summary>
    /// <param name="id">The call id.</param>
    public Call? GetCall(long id) => Timeline.Get(id);

    /// <summary>Every call in creation order (ascending creation time, then id), built lazily, with <c>started_at</c> equal to the creation time.</summary>
    public IEnumerable<Call> EnumerateCalls() => Timeline.Enumerate();

    /// <summary>The account's webhooks as <c>GET /v1/webhooks</c> shows them (tokens included).</summary>
    public IReadOnlyList<Webhook> GetWebhooks() => WebhookRegistry.List(0, int.MaxValue, descending: false).Page;
}
