namespace Aircall.CallSync.Storage;

/// <summary>
/// Receives calls after the <see cref="ICallStore"/> has them: from webhooks (each call event the store applied) and from
/// batch sync (every call of each stored page). Register any number of them in dependency injection
/// (<c>services.AddSingleton&lt;ICallWriteObserver, MyObserver&gt;()</c>); the recording archiver is one.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Enqueue only.</b> On the webhook path an observer runs inside Aircall's 5-second budget, after the store write
/// and within the same <c>Aircall:Webhooks:StoreTimeout</c>: put work on a queue and return; never download or call an
/// API from here.</item>
/// <item><b>Which writes.</b> Webhooks notify only writes the store applied (outcome <c>Stored</c>; a duplicate at the same
/// version is applied again, so it is notified again). Batch sync notifies every write of a page, applied or not, after
/// <see cref="ICallStore.UpsertManyAsync"/> returns and before the checkpoint moves past the page.</item>
/// <item><b>Idempotent.</b> The same call arrives many times: redelivered events, several events per call, pages re-read
/// after a resume or by the next run's look-back.</item>
/// <item><b>Failures retry, and lose nothing.</b> The store already has the call when an observer runs. An observer that
/// throws (or runs out of time) makes the webhook endpoint answer 503, so Aircall redelivers the event, the store applies
/// it again (same version) and every observer runs again; in batch sync it stops the run before the page's checkpoint, so
/// the next run stores and notifies the page again. So throw only for a failure worth a retry (your queue is down), never
/// for a call you do not want: return instead, or Aircall will disable the webhook after repeated failures.</item>
/// <item>Observers run one after another, in registration order; each must be thread-safe (deliveries are concurrent).</item>
/// </list>
/// </remarks>
public interface ICallWriteObserver
{
    /// <summary>Called once per webhook write the store applied, and once per stored batch page.</summary>
    /// <param name="writes">The writes, each with its account id (<see cref="CallWrite.AccountId"/>), call,
    /// <see cref="CallWrite.Source"/> and, for webhooks, <see cref="CallWrite.EventName"/>. Do not keep the list.</param>
    /// <param name="cancellationToken">Cancelled when the webhook's time budget runs out, or the sync is stopped.</param>
    ValueTask OnCallsWrittenAsync(IReadOnlyList<CallWrite> writes, CancellationToken cancellationToken);
}
