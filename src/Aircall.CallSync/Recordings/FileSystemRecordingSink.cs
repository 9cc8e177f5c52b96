using System.Globalization;
using System.Text;

namespace Aircall.CallSync.Recordings;

/// <summary>
/// Writes archived audio under a root directory: <c>{root}/{account}/{call id}-recording.mp3</c> and
/// <c>{call id}-voicemail.mp3</c> (<c>{account}</c> is <c>default</c> for an application that serves one account, otherwise
/// the account id with every character other than ASCII letters, digits, <c>-</c> and <c>_</c> written as <c>~XX</c> hex
/// bytes, so it can never name another directory). Each upload goes to a temporary <c>.partial</c> file beside its final
/// name, is flushed to disk, then renamed over the final name in one step: a crash leaves at most a <c>.partial</c> file,
/// never a truncated <c>.mp3</c>. Thread-safe.
/// </summary>
public sealed class FileSystemRecordingSink : IRecordingSink
{
    private const string PartialSuffix = ".partial";

    /// <summary>Creates the sink; the directory is created on first use.</summary>
    /// <param name="rootDirectory">The root directory (relative paths are resolved against the current directory now).</param>
    public FileSystemRecordingSink(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        RootDirectory = Path.GetFullPath(rootDirectory);
    }

    /// <summary>The absolute root directory.</summary>
    public string RootDirectory { get; }

    /// <summary>The path, relative to <see cref="RootDirectory"/>, of the file of <paramref name="key"/>.</summary>
    /// <param name="key">The account, call and kind.</param>
    public static string RelativePathOf(RecordingArchiveKey key)
        => Path.Combine(DirectoryNameOf(key.AccountId), FileNameOf(key));

    /// <summary>The absolute path of the file of <paramref name="key"/> (it exists once archived).</summary>
    /// <param name="key">The account, call and kind.</param>
    public string PathOf(RecordingArchiveKey key) => Path.Combine(RootDirectory, RelativePathOf(key));

    /// <inheritdoc/>
    public ValueTask<RecordingUpload> OpenWriteAsync(RecordingArchiveKey key, string? contentType, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var final = PathOf(key);
        var directory = Path.GetDirectoryName(final)!;
        Directory.CreateDirectory(directory);
        var fileName = Path.GetFileName(final);
        // Unfinished uploads of this key (a crash, a cut connection) are dropped before a new one starts.
        foreach (var stale in Directory.EnumerateFiles(directory, fileName + ".*" + PartialSuffix))
        {
            TryDelete(stale);
        }

        var partial = final + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + PartialSuffix;
        var stream = new FileStream(partial, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
            BufferSize = 0,
        });
        return new ValueTask<RecordingUpload>(new FileUpload(stream, partial, final, RelativePathOf(key)));
    }

    private static string DirectoryNameOf(string? accountId)
    {
        if (accountId is null)
        {
            return "default";
        }

        var name = new StringBuilder(accountId.Length + 8).Append("account-");
        foreach (var b in Encoding.UTF8.GetBytes(accountId))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            {
                name.Append(c);
            }
            else
            {
                name.Append('~').Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }
        }

        return name.ToString();
    }

    private static string FileNameOf(RecordingArchiveKey key)
        => string.Create(CultureInfo.InvariantCulture, $"{key.CallId}-{(key.Kind == RecordingKind.Voicemail ? "voicemail" : "recording")}.mp3");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // In use by a concurrent upload of the same key, or already gone: it is that upload's to clean up.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed class FileUpload(FileStream stream, string partial, string final, string relative) : RecordingUpload
    {
        private bool _committed;
        private bool _closed;

        public override Stream Content => stream;

        public override async ValueTask<string> CommitAsync(CancellationToken cancellationToken)
        {
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
            await stream.DisposeAsync().ConfigureAwait(false);
            _closed = true;
            File.Move(partial, final, overwrite: true);
            _committed = true;
            return relative;
        }

        protected override async ValueTask DisposeAsyncCore()
        {
            if (!_closed)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                _closed = true;
            }

            if (!_committed)
            {
                TryDelete(partial);
            }
        }
    }
}
