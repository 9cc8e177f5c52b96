namespace Aircall.CallSync.Storage;

/// <summary>Where a <see cref="CallWrite"/> came from.</summary>
public enum CallWriteSource
{
    /// <summary>A page of the Public API (batch sync); the version is the response's <c>Date</c>.</summary>
    Batch = 0,

    /// <summary>A webhook delivery; the version is the envelope's <c>timestamp</c>.</summary>
    Webhook = 1,
}
