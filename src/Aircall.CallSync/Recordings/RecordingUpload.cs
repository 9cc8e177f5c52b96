namespace Aircall.CallSync.Recordings;

/// <summary>
/// One upload into an <see cref="IRecordingSink"/>: a stream to write the audio to, then <see cref="CommitAsync"/> to make
/// it visible under its final name. Disposing an upload that was not committed discards what was written. Used by one
/// task at a time.
/// </summary>
public abstract class RecordingUpload : IAsyncDisposable
{
    /// <summary>Where the archiver writes the audio, in order, once.</summary>
    public abstract Stream Content { get; }

    /// <summary>
    /// Makes the written audio durable and visible under its final name (for files: flush to disk, then an atomic rename).
    /// Called once, after the last byte was written.
    /// </summary>
    /// <param name="cancellationToken">Cancels the commit.</param>
    /// <returns>Where the audio now is (a path, an object key), for <see cref="RecordingArchiveJob.Location"/>.</returns>
    public abstract ValueTask<string> CommitAsync(CancellationToken cancellationToken);

    /// <summary>Discards what was written unless <see cref="CommitAsync"/> succeeded, and releases the upload's resources.</summary>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Discards an uncommitted upload and releases resources; override this rather than <see cref="DisposeAsync"/>.</summary>
    protected abstract ValueTask DisposeAsyncCore();
}
