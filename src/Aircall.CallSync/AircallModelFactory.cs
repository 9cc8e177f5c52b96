using Aircall.CallSync.Models;
using Aircall.CallSync.Webhooks;

namespace Aircall.CallSync;

/// <summary>
/// Builds the SDK's read-only results for your tests and mocks: a <see cref="CallPage"/> to return from a mocked
/// <see cref="CallPageable.AsPages"/>, a <see cref="WebhookProcessingResult"/> to return from a mocked processor. The
/// SDK itself never needs these.
/// </summary>
public static class AircallModelFactory
{
    /// <summary>A page of an enumeration of calls.</summary>
    /// <param name="calls">The calls, oldest first.</param>
    /// <param name="continuationToken">The checkpoint after this page. A mocked page's token cannot resume a real enumeration.</param>
    /// <param name="version">When Aircall produced the page (UTC).</param>
    /// <param name="isLast">Whether this is the last page.</param>
    /// <param name="callsReturned">Calls returned by the enumeration so far, this page included; defaults to the page's count.</param>
    /// <param name="estimatedTotal">Estimated calls in the whole range, when known.</param>
    /// <param name="windowFrom">The lower bound of the window this page came from.</param>
    /// <param name="to">The fixed upper bound of the range; defaults to <paramref name="version"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="calls"/> or <paramref name="continuationToken"/> is <c>null</c>.</exception>
    public static CallPage CallPage(
        IReadOnlyList<Call> calls,
        string continuationToken,
        DateTimeOffset version,
        bool isLast = true,
        long? callsReturned = null,
        long? estimatedTotal = null,
        DateTimeOffset? windowFrom = null,
        DateTimeOffset? to = null)
    {
        ArgumentNullException.ThrowIfNull(calls);
        return new(calls, continuationToken, version, isLast, callsReturned ?? calls.Count, estimatedTotal, windowFrom, to ?? version);
    }

    /// <summary>The result of processing one webhook delivery.</summary>
    /// <param name="outcome">What happened; <see cref="WebhookProcessingResult.StatusCode"/> follows from it.</param>
    /// <param name="eventName">The event name, e.g. <c>call.ended</c>.</param>
    /// <param name="callId">The call's id, for call events.</param>
    /// <param name="accountId">The account the token resolved to.</param>
    /// <param name="message">A short, safe explanation; defaults to the outcome's name.</param>
    public static WebhookProcessingResult WebhookProcessingResult(
        WebhookOutcome outcome,
        string? eventName = null,
        long? callId = null,
        string? accountId = null,
        string? message = null)
        => new(outcome, eventName, callId, accountId, message ?? outcome.ToString());
}
