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
    private static readonly long[] s_numberIds = [.. Enumerable.Range(0, Catalog.Numbers.Length).Select(Catalog.NumberId)];

    private readonly TimeProvider _clock;
    private readonly Lazy<CallTimeline> _timeline;

    internal SimulatedAccount(long companyId, string apiId, string apiToken, string? accessToken, Func<CallTimeline> calls, WebhookRegistry webhooks, ArrivalRateLimiter limiter, TimeProvider clock)
    {
        CompanyId = companyId;
        ApiId = apiId;
        ApiToken = apiToken;
        AccessToken = accessToken;
        _timeline = new Lazy<CallTimeline>(calls, LazyThreadSafetyMode.ExecutionAndPublication);
        WebhookRegistry = webhooks;
        Limiter = limiter;
        _clock = clock;
    }

    /// <summary>
    /// Aircall's company id of this account: <c>company_id</c> in <c>GET /v1/integrations/me</c> and in
    /// <c>integration.deleted</c>, and the id in <c>/simulator/dashboard/{companyId}/install</c>. The default account's is
    /// 100001; each account added after it gets the next one.
    /// </summary>
    public long CompanyId { get; }

    /// <summary>The ids of the account's numbers (<c>number_ids</c> in <c>GET /v1/integrations/me</c>), the lines its calls use.</summary>
    public IReadOnlyList<long> NumberIds { get; } = s_numberIds;

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

    /// <summary>The calls, generated on first use: adding a hundred accounts costs nothing until their calls are read.</summary>
    internal CallTimeline Timeline => _timeline.Value;

    /// <summary>Whether the calls have been generated yet (for tests of the lazy generation).</summary>
    internal bool CallsGenerated => _timeline.IsValueCreated;

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

    /// <summary>
    /// Registers a webhook on this account, as an admin does in the Aircall Dashboard, with a token you choose: the
    /// deliveries of <see cref="AircallSimulator.Webhooks"/> then POST every call event to <paramref name="url"/> with
    /// that token in the envelope, so the endpoint under test can be configured with it beforehand.
    /// (<c>POST /v1/webhooks</c> registers one with a generated token, as Aircall does.)
    /// </summary>
    /// <param name="url">Where deliveries go: an absolute http or https URL.</param>
    /// <param name="token">The token every delivery carries; <c>null</c> for a generated one (32 hex digits).</param>
    /// <returns>The webhook, as <c>GET /v1/webhooks/{id}</c> shows it.</returns>
    /// <exception cref="ArgumentException">The URL is not an absolute http or https URL, or the token is empty or has leading or trailing white space.</exception>
    /// <exception cref="InvalidOperationException">The account has 100 webhooks already, Aircall's limit.</exception>
    public Webhook AddWebhook(Uri url, string? token = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!WebhookRegistry.IsDeliverable(url))
        {
            throw new ArgumentException($"A webhook URL must be an absolute http or https URL, not '{url}'.", nameof(url));
        }

        if (token is not null && (token.Length == 0 || token.Trim().Length != token.Length))
        {
            throw new ArgumentException("A webhook token must not be empty or have leading or trailing white space.", nameof(token));
        }

        return WebhookRegistry.Create(new Api.WebhookRequest { Url = url.AbsoluteUri }, _clock.GetUtcNow(), token)
            ?? throw new InvalidOperationException($"Account '{ApiId}' (company {CompanyId}) has {WebhookRegistry.MaxWebhooks} webhooks already, Aircall's limit.");
    }

    /// <summary>
    /// Every webhook of the account, tokens included: those created with Basic credentials or here (which
    /// <c>GET /v1/webhooks</c> shows Basic callers) and those created with OAuth tokens (which it shows only to tokens of
    /// the same app).
    /// </summary>
    public IReadOnlyList<Webhook> GetWebhooks() => WebhookRegistry.List(0, int.MaxValue, descending: false).Page;

    /// <summary>The webhooks created with an OAuth access token, as <c>GET /v1/webhooks</c> shows them to tokens of that app.</summary>
    /// <param name="clientId">The app's client id; <c>null</c> for every app's.</param>
    public IReadOnlyList<Webhook> GetOAuthWebhooks(string? clientId = null)
    {
        var ids = WebhookRegistry.OAuthWebhooks(clientId);
        var webhooks = new List<Webhook>(ids.Count);
        foreach (var (id, _, _, owner, _) in ids)
        {
            if (WebhookRegistry.Get(id, owner) is { } webhook)
            {
                webhooks.Add(webhook);
            }
        }

        return webhooks;
    }
}
