using Aircall.CallSync.Storage;

namespace Aircall.CallSync.Sync;

/// <summary>
/// What a sync covers: the calls (<see cref="Query"/>), how far each incremental run looks back, where its checkpoint is
/// kept and which account its writes belong to. Passed to <see cref="CallSyncRunner.RunAsync"/>; the periodic sync of
/// <c>AddBatchSync</c> takes the same settings in <see cref="AircallBatchSyncOptions"/>.
/// </summary>
public class CallSyncOptions
{
    /// <summary>
    /// The calls to sync (all of them by default). Its <see cref="CallQuery.From"/> applies to the first run; later runs
    /// start from the previous run's upper bound minus <see cref="LookBack"/>, never before <see cref="CallQuery.From"/>.
    /// Its <see cref="CallQuery.To"/> bounds every run. Its filters and fetch flags apply to every run.
    /// </summary>
    public CallQuery Query { get; set; } = CallQuery.All;

    /// <summary>
    /// How far before the previous run's upper bound an incremental run starts again (default one day), to pick up
    /// changes to recent calls: tags, comments, archiving, and calls still live during the previous run. Zero re-reads
    /// nothing. Configuration: <c>Aircall:BatchSync:LookBack</c>.
    /// </summary>
    public TimeSpan LookBack { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The key the checkpoint is saved under; <c>null</c> (default) for <see cref="CallSyncRunner.DefaultCheckpointKey"/>,
    /// which derives one from the client's account key and the whole query (time range, filters and fetch flags), so
    /// that different accounts and queries never share a checkpoint.
    /// </summary>
    public string? CheckpointKey { get; set; }

    /// <summary>
    /// The account id passed on every write as <see cref="CallWrite.AccountId"/> (<c>Aircall:BatchSync:AccountId</c>), for
    /// a store shared by several accounts; <c>null</c> (default) when the application serves one account. Use the same id
    /// your <c>IWebhookTokenResolver</c> returns for this account's webhook, so both paths write the same rows.
    /// </summary>
    public string? AccountId { get; set; }
}
