namespace Aircall.CallSync.Webhooks;

/// <summary>
/// Settings of webhook ingestion, bound from the <c>Aircall</c> configuration section (<c>WebhookToken</c>,
/// <c>WebhookTokens</c>, <c>Webhooks:StoreTimeout</c>, <c>Webhooks:MaxBodyBytes</c>).
/// </summary>
public sealed class AircallWebhookOptions
{
    /// <summary>The token of the single webhook this application receives (<c>Aircall:WebhookToken</c>).</summary>
    public string? WebhookToken { get; set; }

    /// <summary>Several accepted tokens, e.g. during a webhook rotation (<c>Aircall:WebhookTokens</c>).</summary>
    public IList<string> WebhookTokens { get; } = [];

    /// <summary>
    /// How long the store and the event consumer may take before the delivery is answered non-2xx (Aircall waits 5
    /// seconds, then counts a failure). Default 4 seconds.
    /// </summary>
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>The largest body accepted, in bytes (larger ones get 413). Default 1 MiB; real deliveries are a few KiB.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How far ahead of the local clock an envelope's <c>timestamp</c> may be and still version the event
    /// (<c>Aircall:Webhooks:MaxClockSkew</c>). An event stamped further ahead is still stored, but versioned by the time it
    /// was received, and a warning is logged: a timestamp in year 5138 would otherwise pin the row, so that no later event
    /// or batch sync could update it. Old timestamps are kept as they are (Aircall retries for hours, and an old version
    /// only ever loses to newer state). Default 5 minutes; at most one day.
    /// </summary>
    public TimeSpan MaxClockSkew { get; set; } = Storage.SnapshotVersion.DefaultMaxClockSkew;

    /// <summary>Every configured token: <see cref="WebhookToken"/> and <see cref="WebhookTokens"/>, without empties.</summary>
    public IReadOnlyList<string> GetTokens()
    {
        var tokens = new List<string>(WebhookTokens.Count + 1);
        if (!string.IsNullOrEmpty(WebhookToken))
        {
            tokens.Add(WebhookToken);
        }

        foreach (var token in WebhookTokens)
        {
            if (!string.IsNullOrEmpty(token) && !tokens.Contains(token, StringComparer.Ordinal))
            {
                tokens.Add(token);
            }
        }

        return tokens;
    }

    /// <summary>Names the settings without the tokens.</summary>
    public override string ToString() => $"AircallWebhookOptions ({GetTokens().Count} token(s), store timeout {StoreTimeout}, max body {MaxBodyBytes} bytes)";
}
