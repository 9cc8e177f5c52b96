namespace Aircall.CallSync.Recordings;

/// <summary>
/// Where archived audio goes. The archiver opens an upload, streams the body into <see cref="RecordingUpload.Content"/>,
/// and commits it only once every byte arrived; an upload disposed without a commit (a cut connection, a crash, a
/// timeout) must leave nothing that looks archived. The default is <see cref="FileSystemRecordingSink"/>;
/// docs/recordings.md shows an S3-compatible one. Implementations are thread-safe: several uploads run at once.
/// </summary>
public interface IRecordingSink
{
    /// <summary>Starts writing the audio of <paramref name="key"/>, replacing any unfinished upload of the same key.</summary>
    /// <param name="key">The account, call and kind: the only input to the file or object name.</param>
    /// <param name="contentType">The storage's <c>Content-Type</c> (e.g. <c>audio/mpeg</c>), if it sent one.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    ValueTask<RecordingUpload> OpenWriteAsync(RecordingArchiveKey key, string? contentType, CancellationToken cancellationToken);
}
