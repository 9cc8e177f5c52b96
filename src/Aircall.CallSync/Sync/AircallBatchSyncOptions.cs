namespace Aircall.CallSync.Sync;

/// <summary>
/// The periodic sync registered by <c>AddBatchSync</c> (<c>Aircall:BatchSync</c>): every <see cref="Interval"/>, the
/// configured account's calls are synced into the registered <c>ICallStore</c>, incrementally after the first run. The
/// sync settings are those of <see cref="CallSyncOptions"/>; <c>Aircall:BatchSync:From</c> sets
/// <see cref="CallQuery.From"/> of <see cref="CallSyncOptions.Query"/>. Configuration is applied first and the code's
/// <c>configure</c> delegate after it, so code wins: a <see cref="CallSyncOptions.Query"/> set in code replaces the one
/// built from configuration (start from <c>options.Query</c> to keep its <c>From</c>).
/// </summary>
public sealed class AircallBatchSyncOptions : CallSyncOptions
{
    /// <summary>Time between the end of one run and the start of the next (<c>Aircall:BatchSync:Interval</c>), 15 minutes by default.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Whether the first run starts as soon as the host starts (default <c>true</c>), or after one interval (<c>Aircall:BatchSync:RunOnStart</c>).</summary>
    public bool RunOnStart { get; set; } = true;
}
