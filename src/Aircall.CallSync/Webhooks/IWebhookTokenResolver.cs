namespace Aircall.CallSync.Webhooks;

/// <summary>
/// Decides whether a delivery's <c>token</c> is one of ours and which account it belongs to. Aircall signs nothing:
/// the body's token, equal to the webhook's token, is the only proof of origin. A partner with one webhook per customer
/// account implements this to map each token to its account; compare in constant time
/// (<see cref="WebhookTokenComparer"/>) and never log tokens. Implementations must be thread-safe.
/// </summary>
public interface IWebhookTokenResolver
{
    /// <summary>Returns the match for <paramref name="token"/>, or <c>null</c> when it is not a known token.</summary>
    /// <param name="token">The token as received (never trimmed: a padded token is a different token).</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    ValueTask<WebhookTokenMatch?> ResolveAsync(string token, CancellationToken cancellationToken);
}
