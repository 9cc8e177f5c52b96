namespace Aircall.CallSync.Recordings;

/// <summary>
/// Settings of the recording archiver (<c>AddRecordingArchiver</c>), bound from <c>Aircall:Recordings</c> when the SDK was
/// registered from configuration: <c>Directory</c>, <c>MaxConcurrency</c>, <c>MaxAttempts</c>, <c>RetryDelay</c>,
/// <c>MaxRetryDelay</c>, <c>AttemptTimeout</c>, <c>Lease</c>, <c>PollInterval</c>, <c>MaxFileBytes</c>,
/// <c>AllowedHosts</c>, <c>Recordings</c>, <c>Voicemails</c>.
/// </summary>
public sealed class RecordingArchiverOptions
{
    /// <summary>The hosts allowed by default: Aircall's S3 buckets and Aircall's own media hosts.</summary>
    public static IReadOnlyList<string> DefaultAllowedHosts { get; } = ["*.amazonaws.com", "*.aircall.io"];

    /// <summary>
    /// Where <see cref="FileSystemRecordingSink"/> writes, when you register no <see cref="IRecordingSink"/> of your own
    /// (<c>Aircall:Recordings:Directory</c>). One of the two is required.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>Archive recordings (<c>recording</c>). Default <c>true</c>.</summary>
    public bool Recordings { get; set; } = true;

    /// <summary>Archive voicemails (<c>voicemail</c>). Default <c>true</c>.</summary>
    public bool Voicemails { get; set; } = true;

    /// <summary>How many downloads run at once in this process. Default 4.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>
    /// Attempts per job before it is <see cref="RecordingArchiveStatus.Failed"/>. An attempt that meets an expired or
    /// refused (403, 404) link re-fetches the call once and downloads again within the same attempt. Default 5.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait after the first failed attempt; it doubles after each one, up to <see cref="MaxRetryDelay"/>. Default 30 seconds.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between attempts. Default 15 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long one attempt (re-fetch and download, headers and body) may take. Default 10 minutes.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a claimed job stays with its worker before another may take it: a process that dies mid-download leaves
    /// its jobs due again after this long. A clean shutdown hands them back at once. Must exceed
    /// <see cref="AttemptTimeout"/>. Default 15 minutes.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How often the worker looks for due jobs when nothing woke it (new jobs in this process wake it at once; this picks
    /// up retries and jobs queued by other processes). Default 5 seconds.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A link whose <c>X-Amz-Date</c> + <c>X-Amz-Expires</c> is less than this far ahead is treated as expired and the call
    /// re-fetched first. Default 30 seconds.
    /// </summary>
    public TimeSpan ExpiryMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest file accepted, in bytes; a larger one fails the job. Default 2 GiB.</summary>
    public long MaxFileBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// The hosts links may point to: exact names, or <c>*.</c> followed by a domain for any host under it. A link to any
    /// other host fails its job without a request (a payload could otherwise make the archiver fetch any URL). Default
    /// <see cref="DefaultAllowedHosts"/>; add your own (tests add <c>127.0.0.1</c>) or replace the list.
    /// </summary>
    public IList<string> AllowedHosts { get; } = [.. DefaultAllowedHosts];
}
