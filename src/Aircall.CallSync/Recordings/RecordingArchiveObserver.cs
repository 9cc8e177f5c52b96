using Aircall.CallSync.Storage;

namespace Aircall.CallSync.Recordings;

/// <summary>
/// Queues a job for each recording and voicemail link of the calls written, keeps the link in memory for the worker,
/// and wakes it. Enqueue only: it runs inside the webhook's time budget.
/// </summary>
internal sealed class RecordingArchiveObserver(RecordingArchiver archiver) : ICallWriteObserver
{
    public async ValueTask OnCallsWrittenAsync(IReadOnlyList<CallWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var options = archiver.Options;
        List<RecordingArchiveKey>? keys = null;
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            if (write.CallId <= 0)
            {
                continue;
            }

            if (options.Recordings)
            {
                Add(write, write.Call.Recording, RecordingKind.Recording, ref keys);
            }

            if (options.Voicemails)
            {
                Add(write, write.Call.Voicemail, RecordingKind.Voicemail, ref keys);
            }
        }

        if (keys is null)
        {
            return;
        }

        await archiver.Queue.EnqueueAsync(keys, archiver.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        archiver.Wake();
    }

    private void Add(CallWrite write, string? text, RecordingKind kind, ref List<RecordingArchiveKey>? keys)
    {
        if (SignedLink.Parse(text) is not { } link)
        {
            return;
        }

        var key = new RecordingArchiveKey(write.AccountId, write.CallId, kind);
        archiver.Hints.Offer(key, link);
        (keys ??= []).Add(key);
    }
}
