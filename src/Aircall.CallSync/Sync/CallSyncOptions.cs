using Aircall.CallSync.Paging;

namespace Aircall.CallSync.Sync;

/// <summary>What one <see cref="CallSyncRunner.RunAsync"/> syncs.</summary>
public sealed class CallSyncOptions
{
    /// <summary>
    /// The calls to sync (all of them by default). Its <see cref="CallQuery.From"/> applies to the first run; later runs
    /// start from the previous run's upper bound minus <see cref="LookBack"/>. Its filters apply to every run.
    /// </summary>
    public CallQuery Query { get; init; } = CallQuery.All;

    /// <summary>
    /// How far before the previous run's upper bound an incremental run starts again (default one day), to pick up
    /// changes to recent calls: tags, comments, archiving, and calls still live during the previous run. Zero re-reads
    /// nothing.
    /// </summary>
    public TimeSpan LookBack { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The key the checkpoint is saved under; <c>null</c> (default) derives one from the client's account key and the
    /// query's filters, so that different accounts and queries never share a checkpoint.
    /// </summary>
    public string? CheckpointKey { get; init; }

    /// <summary>Passed on every write as <see cref="CallWrite.AccountId"/>, for stores shared by several accounts.</summary>
    public string? AccountId { get; init; }
}
