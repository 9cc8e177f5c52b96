namespace Aircall.CallSync.Webhooks;

/// <summary>
/// Optional: receives verified events other than call events (users, contacts, numbers, messages, ...), which the SDK
/// does not store. It runs inside Aircall's 5-second budget: hand long work to a queue. Throwing makes the endpoint
/// answer non-2xx so Aircall retries.
/// </summary>
public interface IWebhookEventConsumer
{
    /// <summary>Handles one verified non-call event.</summary>
    /// <param name="webhookEvent">The event, with its raw <c>data</c>.</param>
    /// <param name="cancellationToken">Cancelled when the time budget runs out.</param>
    ValueTask HandleAsync(AircallWebhookEvent webhookEvent, CancellationToken cancellationToken);
}
