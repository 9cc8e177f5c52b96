using System.Diagnostics;
using System.Text.Json;
using Aircall.CallSync.Diagnostics;
using Aircall.CallSync.Models;
using Aircall.CallSync.Serialization;
using Aircall.CallSync.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Webhooks;

/// <summary>
/// Turns a raw webhook body into a stored call, framework-neutral: verify the token (constant time), parse the
/// envelope, write call events to <see cref="ICallStore"/> with the event timestamp as version, hand other events to the
/// optional <see cref="IWebhookEventConsumer"/>, and say what to answer. Use it from ASP.NET Core
/// (<c>MapAircallWebhook</c> in Aircall.CallSync.AspNetCore), Azure Functions or any host. Thread-safe.
/// </summary>
public sealed class AircallWebhookProcessor
{
    private readonly ICallStore _store;
    private readonly IWebhookTokenResolver _tokens;
    private readonly IWebhookEventConsumer? _handler;
    private readonly ICallWriteObserver[] _observers;
    private readonly AircallWebhookOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates a processor.</summary>
    /// <param name="store">Where call events go.</param>
    /// <param name="tokens">Which tokens are ours.</param>
    /// <param name="options">Time budget and body limit.</param>
    /// <param name="timeProvider">The clock for the time budget; <see cref="TimeProvider.System"/> when <c>null</c>.</param>
    /// <param name="logger">Where outcomes are logged (never tokens or call data).</param>
    /// <param name="consumer">Receives non-call events; optional.</param>
    /// <param name="observers">Receive each call write the store applied, within the same time budget; optional. One that
    /// fails makes the delivery answer 503 so Aircall retries (see <see cref="ICallWriteObserver"/>).</param>
    public AircallWebhookProcessor(
        ICallStore store,
        IWebhookTokenResolver tokens,
        IOptions<AircallWebhookOptions>? options = null,
        TimeProvider? timeProvider = null,
        ILogger<AircallWebhookProcessor>? logger = null,
        IWebhookEventConsumer? consumer = null,
        IEnumerable<ICallWriteObserver>? observers = null)
    {
        _observers = observers is null ? [] : [.. observers];
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _options = options?.Value ?? new AircallWebhookOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _handler = consumer;
    }

    /// <summary>The body size limit the host should enforce before calling <see cref="ProcessAsync"/>.</summary>
    public int MaxBodyBytes => _options.MaxBodyBytes;

    /// <summary>Processes one delivery. Never throws for bad input or store failures: the result says what to answer.</summary>
    /// <param name="body">The raw request body (UTF-8 JSON).</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    public async ValueTask<WebhookProcessingResult> ProcessAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var activity = AircallTelemetry.ActivitySource.StartActivity("Aircall webhook", ActivityKind.Consumer);
        var result = await ProcessCoreAsync(body, cancellationToken).ConfigureAwait(false);
        var eventTag = result.EventName is null ? "none" : KnownEventTag(result.EventName);
        AircallTelemetry.WebhookEvents.Add(1, new TagList { { "event", eventTag }, { "outcome", OutcomeTag(result.Outcome) } });
        activity?.SetTag("aircall.webhook.event", eventTag);
        activity?.SetTag("aircall.webhook.outcome", OutcomeTag(result.Outcome));
        if (!result.IsSuccess)
        {
            activity?.SetStatus(ActivityStatusCode.Error, result.Outcome.ToString());
        }

        Log.WebhookProcessed(_logger, eventTag, result.Outcome, result.CallId, result.Message);
        return result;
    }

    private async ValueTask<WebhookProcessingResult> ProcessCoreAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (body.Length > _options.MaxBodyBytes)
        {
            return Result(WebhookOutcome.Malformed, null, null, null, $"The body is larger than {_options.MaxBodyBytes} bytes.");
        }

        if (!WebhookEnvelopeReader.TryRead(body, out var envelope, out var error))
        {
            return Result(WebhookOutcome.Malformed, null, null, null, error ?? "The body is not a webhook envelope.");
        }

        if (string.IsNullOrEmpty(envelope.Token))
        {
            return Result(WebhookOutcome.Unauthorized, null, null, null, "The delivery has no token.");
        }

        var match = await _tokens.ResolveAsync(envelope.Token, cancellationToken).ConfigureAwait(false);
        if (match is not { } account)
        {
            return Result(WebhookOutcome.Unauthorized, null, null, null,
                "The token does not match a configured webhook token (it is the webhook's token, not the API token).");
        }

        if (string.IsNullOrEmpty(envelope.Event))
        {
            return Result(WebhookOutcome.Malformed, null, null, account.AccountId, "The envelope has no event.");
        }

        if (envelope.DataKind != JsonTokenType.StartObject)
        {
            return Result(WebhookOutcome.Malformed, envelope.Event, null, account.AccountId, "The envelope's data is missing or not an object.");
        }

        if (!AircallWebhookEvents.IsCallEvent(envelope.Event))
        {
            return await HandleOtherEventAsync(envelope, account.AccountId, cancellationToken).ConfigureAwait(false);
        }

        Call call;
        try
        {
            call = JsonSerializer.Deserialize(envelope.Data.Span, TolerantJson.Call)!;
            // The host's body buffer may be pooled: the call keeps a copy of what Aircall sent.
            call.RawJson = envelope.Data.ToArray();
            UnreadableFields.LogFirstSeen(_logger);
        }
        catch (JsonException)
        {
            return Result(WebhookOutcome.Malformed, envelope.Event, null, account.AccountId, "The data of a call event is not a call.");
        }

        if (call.Id <= 0)
        {
            return Result(WebhookOutcome.Malformed, envelope.Event, null, account.AccountId, "The data of a call event has no call id.");
        }

        if (envelope.Timestamp is not { } version)
        {
            return Result(WebhookOutcome.Malformed, envelope.Event, call.Id, account.AccountId, "The envelope has no timestamp to order the event by.");
        }

        var received = _timeProvider.GetUtcNow();
        version = SnapshotVersion.ForDelivery(version, received, _options.MaxClockSkew, out var replaced);
        if (replaced)
        {
            AircallTelemetry.UntrustedVersions.Add(1, new KeyValuePair<string, object?>("source", "webhook"));
            Log.WebhookTimestampAhead(_logger, envelope.Event, call.Id, envelope.Timestamp.Value, received, _options.MaxClockSkew.TotalSeconds);
        }

        var write = new CallWrite(call, version, CallWriteSource.Webhook, envelope.Event) { AccountId = account.AccountId };
        var started = _timeProvider.GetTimestamp();
        bool applied;
        try
        {
            applied = await WithinBudgetAsync(ct => _store.UpsertAsync(write, ct), _options.StoreTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.WebhookStoreFailed(_logger, exception, envelope.Event, call.Id);
            return Result(WebhookOutcome.Failed, envelope.Event, call.Id, account.AccountId,
                exception is TimeoutException ? "The store did not answer within the time budget; Aircall will retry." : "The store failed; Aircall will retry.");
        }

        if (!applied)
        {
            return Result(WebhookOutcome.Stale, envelope.Event, call.Id, account.AccountId, "The store already holds this or newer state.");
        }

        if (_observers.Length > 0)
        {
            try
            {
                // The observers share what is left of the budget: the answer must still reach Aircall within 5 s.
                var left = _options.StoreTimeout - _timeProvider.GetElapsedTime(started);
                await WithinBudgetAsync(async ct =>
                {
                    IReadOnlyList<CallWrite> writes = [write];
                    foreach (var observer in _observers)
                    {
                        await observer.OnCallsWrittenAsync(writes, ct).ConfigureAwait(false);
                    }

                    return true;
                }, left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.WebhookObserverFailed(_logger, exception, envelope.Event, call.Id);
                return Result(WebhookOutcome.Failed, envelope.Event, call.Id, account.AccountId,
                    "Stored, but a call write observer failed; Aircall will retry (the redelivery is stored again harmlessly).");
            }
        }

        return Result(WebhookOutcome.Stored, envelope.Event, call.Id, account.AccountId,
            replaced ? "Stored; its timestamp is too far ahead of the local clock, so it was versioned by its receipt time." : "Stored.");
    }

    private async ValueTask<WebhookProcessingResult> HandleOtherEventAsync(ParsedEnvelope envelope, string? accountId, CancellationToken cancellationToken)
    {
        if (_handler is null)
        {
            return Result(WebhookOutcome.Ignored, envelope.Event, null, accountId, "Not a call event.");
        }

        var webhookEvent = new AircallWebhookEvent(envelope.Resource, envelope.Event!, envelope.Timestamp, accountId, envelope.Data, null);
        try
        {
            await WithinBudgetAsync(async ct =>
            {
                await _handler.HandleAsync(webhookEvent, ct).ConfigureAwait(false);
                return true;
            }, _options.StoreTimeout, cancellationToken).ConfigureAwait(false);
            return Result(WebhookOutcome.Handled, envelope.Event, null, accountId, "Handled by the event consumer.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.WebhookConsumerFailed(_logger, exception, envelope.Event!);
            return Result(WebhookOutcome.Failed, envelope.Event, null, accountId, "The event consumer failed; Aircall will retry.");
        }
    }

    private async ValueTask<bool> WithinBudgetAsync(Func<CancellationToken, ValueTask<bool>> work, TimeSpan budgetTime, CancellationToken cancellationToken)
    {
        if (budgetTime <= TimeSpan.Zero)
        {
            throw new TimeoutException($"No time was left of {_options.StoreTimeout}.");
        }

        using var budget = new CancellationTokenSource(budgetTime, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            // WaitAsync also bounds a store that ignores its cancellation token.
            return await work(linked.Token).AsTask().WaitAsync(budgetTime, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The store did not finish within {_options.StoreTimeout}.");
        }
    }

    private static WebhookProcessingResult Result(WebhookOutcome outcome, string? eventName, long? callId, string? accountId, string message)
        => new(outcome, eventName, callId, accountId, message);

    private static string KnownEventTag(string eventName)
    {
        foreach (var known in AircallWebhookEvents.CallEvents)
        {
            if (string.Equals(known, eventName, StringComparison.Ordinal))
            {
                return known;
            }
        }

        return AircallWebhookEvents.IsCallEvent(eventName) ? "call.other" : "other";
    }

    private static string OutcomeTag(WebhookOutcome outcome) => outcome switch
    {
        WebhookOutcome.Stored => "stored",
        WebhookOutcome.Stale => "stale",
        WebhookOutcome.Handled => "handled",
        WebhookOutcome.Ignored => "ignored",
        WebhookOutcome.Unauthorized => "unauthorized",
        WebhookOutcome.Malformed => "malformed",
        _ => "failed",
    };
}
