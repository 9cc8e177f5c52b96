using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Aircall.CallSync.Serialization;
using Aircall.CallSync.Testing.Data;
using Aircall.CallSync.Testing.Webhooks;

namespace Aircall.CallSync.Testing;

/// <summary>
/// Webhook deliveries of an <see cref="AircallSimulator"/>. Deliveries happen only when you ask (so tests stay
/// deterministic): each event goes to every active webhook of the call's account subscribed to it, as
/// <c>POST</c> of <c>{"resource":"call","event":...,"timestamp":...,"token":...,"data":{call}}</c> with the webhook's
/// token, a timeout (5 s by default), retries, and deactivation after repeated failures. With
/// <see cref="AircallSimulatorOptions.OddPayloadRate"/>, <c>data</c> carries the call's odd shapes. Every attempt is recorded in
/// <see cref="Deliveries"/>. Thread-safe; events of one call are delivered one after the other.
/// </summary>
public sealed class SimulatorWebhooks : IDisposable
{
    private readonly AircallSimulator _simulator;
    private readonly Lock _lock = new();
    private readonly List<WebhookDelivery> _deliveries = [];
    private HttpClient? _client;
    private SplitMix _random;

    internal SimulatorWebhooks(AircallSimulator simulator)
    {
        _simulator = simulator;
        _random = new SplitMix(simulator.Options.Seed, 0, 13);
    }

    /// <summary>Every delivery attempt so far, in order (a snapshot).</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries
    {
        get
        {
            lock (_lock)
            {
                return [.. _deliveries];
            }
        }
    }

    /// <summary>How long before now the calls of <see cref="SimulateCallsAsync"/> start: one hour.</summary>
    public static TimeSpan SimulatedCallAge { get; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Delivers the lifecycle of an existing call: <c>call.created</c>, <c>call.ringing_on_agent</c> (inbound),
    /// <c>call.answered</c>, <c>call.transferred</c>, <c>call.hungup</c>, <c>call.voicemail_left</c>, <c>call.ended</c>
    /// (timestamp 30 s after hang-up), <c>call.comm_assets_generated</c> (a second later, for calls with a recording or a
    /// voicemail), then <c>call.tagged</c>, <c>call.commented</c>, <c>call.archived</c> when they apply. The
    /// <c>recording</c> and <c>voicemail</c> links are signed when each event is sent (see <see cref="AircallSimulator.Media"/>). Each event carries the call as it was at that point, stamped with the time it happened in the call's life
    /// (deliver the lifecycles of calls that have ended: a receiver does not trust timestamps far ahead of its clock).
    /// Duplicates and reordering follow the options' rates.
    /// </summary>
    /// <param name="callId">A call of any account.</param>
    /// <param name="cancellationToken">Stops the deliveries.</param>
    /// <returns>The attempts made for this call.</returns>
    /// <exception cref="ArgumentException">No account has this call.</exception>
    public async Task<IReadOnlyList<WebhookDelivery>> DeliverLifecycleAsync(long callId, CancellationToken cancellationToken = default)
    {
        var (account, final, facets) = Find(callId);
        var events = Lifecycle.For(final, facets);
        var plan = new List<(LifecycleEvent Event, bool Duplicate)>(events.Count + 2);
        lock (_lock)
        {
            for (var i = 0; i < events.Count; i++)
            {
                if (i + 1 < events.Count && _random.Chance(_simulator.Options.WebhookReorderRate))
                {
                    (events[i], events[i + 1]) = (events[i + 1], events[i]);
                }

                plan.Add((events[i], false));
                if (_random.Chance(_simulator.Options.WebhookDuplicateRate))
                {
                    plan.Add((events[i], true));
                }
            }
        }

        var attempts = new List<WebhookDelivery>();
        foreach (var (lifecycleEvent, duplicate) in plan)
        {
            var call = account.Timeline.Get(callId, lifecycleEvent.Stage, webhookShape: true)!;
            await DeliverAsync(account, lifecycleEvent.Name, callId, call, lifecycleEvent.Timestamp, duplicate, attempts, cancellationToken).ConfigureAwait(false);
        }

        return attempts;
    }

    /// <summary>Delivers one event (any name, e.g. <c>call.archived</c>) carrying the call's current state, timestamped now.</summary>
    /// <param name="callId">A call of any account.</param>
    /// <param name="eventName">The event name.</param>
    /// <param name="cancellationToken">Stops the delivery.</param>
    /// <returns>The attempts made.</returns>
    /// <exception cref="ArgumentException">No account has this call.</exception>
    public async Task<IReadOnlyList<WebhookDelivery>> DeliverEventAsync(long callId, string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var (account, final, _) = Find(callId);
        var attempts = new List<WebhookDelivery>();
        var call = account.Timeline.Get(callId, LifecycleStage.Final, webhookShape: true) ?? final;
        await DeliverAsync(account, eventName, callId, call, _simulator.TimeProvider.GetUtcNow(), false, attempts, cancellationToken).ConfigureAwait(false);
        return attempts;
    }

    /// <summary>
    /// Adds <paramref name="count"/> calls to the default account and delivers each one's lifecycle (see
    /// <see cref="DeliverLifecycleAsync"/>). The calls start <see cref="SimulatedCallAge"/> before now on the simulator's
    /// clock, so that every event of their lifecycle (up to about half an hour from start to the last tag or comment) has
    /// happened by the time it is delivered, as on Aircall: a receiver versions an event stamped more than a few minutes
    /// ahead of its own clock by its receipt time instead.
    /// </summary>
    /// <param name="count">How many calls.</param>
    /// <param name="cancellationToken">Stops the deliveries.</param>
    /// <returns>The new calls' ids.</returns>
    public async Task<IReadOnlyList<long>> SimulateCallsAsync(int count, CancellationToken cancellationToken = default)
    {
        var ids = _simulator.DefaultAccount.AddCalls(count, _simulator.TimeProvider.GetUtcNow() - SimulatedCallAge);
        foreach (var id in ids)
        {
            await DeliverLifecycleAsync(id, cancellationToken).ConfigureAwait(false);
        }

        return ids;
    }

    /// <summary>Disposes the delivery client (the simulator does this when it is disposed).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _client?.Dispose();
            _client = null;
        }
    }

    private (SimulatedAccount Account, Models.Call Final, CallFacets Facets) Find(long callId)
    {
        foreach (var account in _simulator.Accounts)
        {
            if (account.Timeline.GetFacets(callId) is { } facets && account.Timeline.Get(callId) is { } call)
            {
                return (account, call, facets);
            }
        }

        throw new ArgumentException($"No simulated account has call {callId}.", nameof(callId));
    }

    private async Task DeliverAsync(
        SimulatedAccount account, string eventName, long callId, Models.Call call, DateTimeOffset timestamp, bool duplicate,
        List<WebhookDelivery> attempts, CancellationToken cancellationToken)
    {
        foreach (var (webhookId, url, token) in account.WebhookRegistry.Targets(eventName))
        {
            var body = Envelope(eventName, timestamp, token, call, _simulator.OddPayloads);
            await DeliverWithRetriesAsync(account, webhookId, url, eventName, callId, duplicate, body, attempts, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Delivers <c>integration.deleted</c> to the active ones of <paramref name="webhooks"/> (an uninstall), each with its
    /// token and the integration id of the app that created it, with the usual timeout and retries.
    /// </summary>
    internal async Task<IReadOnlyList<WebhookDelivery>> DeliverIntegrationDeletedAsync(
        SimulatedAccount account, List<(string Id, string Url, string Token, string Owner, bool Active)> webhooks,
        Func<long, string, long> integrationId, CancellationToken cancellationToken)
    {
        const string EventName = "integration.deleted";
        var attempts = new List<WebhookDelivery>();
        var timestamp = _simulator.TimeProvider.GetUtcNow();
        foreach (var (webhookId, url, token, owner, active) in webhooks)
        {
            if (!active)
            {
                continue;
            }

            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("resource", "integration");
                writer.WriteString("event", EventName);
                writer.WriteNumber("timestamp", timestamp.ToUnixTimeSeconds());
                writer.WriteString("token", token);
                writer.WriteStartObject("data");
                writer.WriteNumber("integration_id", integrationId(account.CompanyId, owner));
                writer.WriteNumber("company_id", account.CompanyId);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            var body = buffer.WrittenSpan.ToArray();
            await DeliverWithRetriesAsync(account, webhookId, url, EventName, 0, false, body, attempts, cancellationToken).ConfigureAwait(false);
        }

        return attempts;
    }

    private async Task DeliverWithRetriesAsync(
        SimulatedAccount account, string webhookId, string url, string eventName, long callId, bool duplicate, byte[] body,
        List<WebhookDelivery> attempts, CancellationToken cancellationToken)
    {
        var options = _simulator.Options;
        for (var attempt = 1; attempt <= Math.Max(1, options.WebhookMaxAttempts); attempt++)
        {
            var delivery = await SendAsync(webhookId, url, eventName, callId, attempt, duplicate, body, cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                _deliveries.Add(delivery);
            }

            attempts.Add(delivery);
            var active = account.WebhookRegistry.Report(webhookId, delivery.Succeeded, options.WebhookDeactivateAfterFailures);
            if (delivery.Succeeded || !active)
            {
                break;
            }

            if (options.WebhookRetryDelay > TimeSpan.Zero)
            {
                await Task.Delay(options.WebhookRetryDelay, _simulator.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<WebhookDelivery> SendAsync(
        string webhookId, string url, string eventName, long callId, int attempt, bool duplicate, byte[] body, CancellationToken cancellationToken)
    {
        var clock = _simulator.TimeProvider;
        var started = clock.GetUtcNow();
        int? status = null;
        string? error = null;
        using var timeout = new CancellationTokenSource(_simulator.Options.WebhookTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("User-Agent", "Aircall.CallSync.Testing (simulator)");
            request.Headers.TryAddWithoutValidation("aircall-origin", "webhooks");
            using var response = await Client().SendAsync(request, linked.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = "timeout";
        }
        catch (HttpRequestException ex)
        {
            error = ex.GetType().Name + ": " + ex.Message;
        }
        catch (IOException ex)
        {
            error = ex.GetType().Name + ": " + ex.Message;
        }

        return new WebhookDelivery
        {
            Time = started,
            WebhookId = webhookId,
            Url = url,
            Event = eventName,
            CallId = callId,
            Attempt = attempt,
            IsDuplicate = duplicate,
            StatusCode = status,
            Succeeded = status is >= 200 and < 300,
            Error = error ?? (status is >= 200 and < 300 ? null : "status " + status),
            Body = Encoding.UTF8.GetString(body),
        };
    }

    private HttpClient Client()
    {
        lock (_lock)
        {
            if (_client is null)
            {
                var handler = _simulator.Options.WebhookDeliveryHandler?.Invoke() ?? new SocketsHttpHandler();
                _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            }

            return _client;
        }
    }

    private static byte[] Envelope(string eventName, DateTimeOffset timestamp, string token, Models.Call call, Http.OddPayloads odd)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("resource", "call");
            writer.WriteString("event", eventName);
            writer.WriteNumber("timestamp", timestamp.ToUnixTimeSeconds());
            writer.WriteString("token", token);
            writer.WritePropertyName("data");
            odd.Write(writer, call);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
