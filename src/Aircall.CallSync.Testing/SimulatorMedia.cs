using Aircall.CallSync.Testing.Media;

namespace Aircall.CallSync.Testing;

/// <summary>
/// The recordings and voicemails of an <see cref="AircallSimulator"/>: small real MP3 files behind S3-style presigned
/// links (<c>X-Amz-Algorithm=AWS4-HMAC-SHA256</c>, <c>X-Amz-Date</c>, <c>X-Amz-Expires</c>, <c>X-Amz-Signature</c>, ...)
/// on the simulator's own address, <c>{base}/simulator/media/{api_id}/{call id}/recording.mp3</c> (or
/// <c>voicemail.mp3</c>). A call's <c>recording</c> and <c>voicemail</c> get a freshly signed link every time the call
/// is rendered (<c>GET /v1/calls/{id}</c>, list and search pages, webhook deliveries), valid for
/// <see cref="AircallSimulatorOptions.RecordingLinkLifetime"/> on the simulator's clock. Refusals are S3's: 403
/// <c>AccessDenied</c> "Request has expired", 403 <c>SignatureDoesNotMatch</c>, 404 <c>NoSuchKey</c> once the recording
/// or voicemail is deleted, each with S3's XML error body. Downloads answer <c>audio/mpeg</c> with <c>Content-Length</c>,
/// <c>ETag</c>, <c>HEAD</c> and single <c>Range</c>s. Sizes and download faults are scripted here; every request is
/// recorded in <see cref="Requests"/> (they are not in <see cref="AircallSimulator.Requests"/>, which holds API calls).
/// Thread-safe.
/// </summary>
public sealed class SimulatorMedia
{
    private readonly AircallSimulator _simulator;
    private readonly Lock _lock = new();
    private readonly Dictionary<long, long> _sizes = [];
    private readonly Dictionary<(MediaKind, long), MediaContent> _contents = [];
    private readonly List<MediaFaultRule> _faults = [];
    private readonly List<SimulatorMediaRequest> _requests = [];
    private readonly MediaContent _recording;
    private readonly MediaContent _voicemail;
    private long? _defaultSize;

    internal SimulatorMedia(AircallSimulator simulator)
    {
        _simulator = simulator;
        Signer = new MediaSigner(simulator.Options.RecordingLinkLifetime, simulator.Options.Seed);
        RecordingSource = Mp3Source.Load("recording.mp3", "Aircall.CallSync simulator recording");
        VoicemailSource = Mp3Source.Load("voicemail.mp3", "Aircall.CallSync simulator voicemail");
        _recording = MediaContent.Natural(RecordingSource);
        _voicemail = MediaContent.Natural(VoicemailSource);
    }

    /// <summary>The embedded recording every call with a recording serves (unless sized): an MP3 of about 11 KB, 5 s of speech.</summary>
    public static ReadOnlyMemory<byte> RecordingFile => s_recordingFile.Value;

    /// <summary>The embedded voicemail every call with a voicemail serves (unless sized): an MP3 of about 9 KB, 4.5 s of speech.</summary>
    public static ReadOnlyMemory<byte> VoicemailFile => s_voicemailFile.Value;

    /// <summary>
    /// The size in bytes every recording and voicemail is served at, unless <see cref="SetSize"/> says otherwise for its
    /// call; <c>null</c> (default) serves the embedded files as they are. A sized file is a valid MP3 of exactly that many
    /// bytes (the embedded frames repeated), streamed from the small source: a 50 MB file costs the simulator no memory.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">On set: fewer bytes than a tag and one frame (about 100).</exception>
    public long? DefaultSize
    {
        get
        {
            lock (_lock)
            {
                return _defaultSize;
            }
        }

        set
        {
            if (value is { } size)
            {
                Validate(size);
            }

            lock (_lock)
            {
                _defaultSize = value;
            }
        }
    }

    /// <summary>Every request to a media link so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<SimulatorMediaRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    internal MediaSigner Signer { get; }

    internal Mp3Source RecordingSource { get; }

    internal Mp3Source VoicemailSource { get; }

    private static readonly Lazy<byte[]> s_recordingFile = new(() => Mp3Source.Load("recording.mp3", "recording").File);
    private static readonly Lazy<byte[]> s_voicemailFile = new(() => Mp3Source.Load("voicemail.mp3", "voicemail").File);

    /// <summary>Serves the recording and voicemail of one call at <paramref name="bytes"/> bytes (see <see cref="DefaultSize"/>); <c>null</c> goes back to the default.</summary>
    /// <param name="callId">The call.</param>
    /// <param name="bytes">The exact size of the files served, or <c>null</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">Fewer bytes than a tag and one frame (about 100).</exception>
    public void SetSize(long callId, long? bytes)
    {
        if (bytes is { } size)
        {
            Validate(size);
        }

        lock (_lock)
        {
            if (bytes is { } value)
            {
                _sizes[callId] = value;
            }
            else
            {
                _sizes.Remove(callId);
            }
        }
    }

    /// <summary>How many downloads of the call's recording or voicemail started: <c>GET</c>s answered 200 or 206, cut or held ones included.</summary>
    /// <param name="callId">The call.</param>
    public int DownloadsOf(long callId) => Count(callId, completedOnly: false);

    /// <summary>How many downloads of the call's recording or voicemail sent their whole body.</summary>
    /// <param name="callId">The call.</param>
    public int CompletedDownloadsOf(long callId) => Count(callId, completedOnly: true);

    /// <summary>
    /// The next <paramref name="count"/> downloads (of <paramref name="callId"/>'s files, or of any) are refused as expired
    /// (403 <c>AccessDenied</c> "Request has expired"), whatever their <c>X-Amz-Date</c>: as if the link had been issued
    /// too long ago. A link issued afterwards works once the count is used up.
    /// </summary>
    /// <param name="count">How many downloads.</param>
    /// <param name="callId">Only this call's downloads; <c>null</c> for any.</param>
    public void ExpireNext(int count = 1, long? callId = null)
        => Add(new MediaFaultRule { Kind = MediaFaultKind.Expire, Remaining = count, CallId = callId });

    /// <summary>The next <paramref name="count"/> downloads answer <paramref name="statusCode"/> (default 503 <c>SlowDown</c>, 500 <c>InternalError</c>) with S3's XML body.</summary>
    /// <param name="count">How many downloads.</param>
    /// <param name="statusCode">A status code from 500 to 599.</param>
    /// <param name="callId">Only this call's downloads; <c>null</c> for any.</param>
    public void FailNext(int count = 1, int statusCode = 503, long? callId = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 500);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        Add(new MediaFaultRule { Kind = MediaFaultKind.ServerError, Remaining = count, CallId = callId, Value = statusCode });
    }

    /// <summary>
    /// The next <paramref name="count"/> downloads send their headers (with the full <c>Content-Length</c>) and
    /// <paramref name="afterBytes"/> bytes of audio, then lose their connection, as a network cut mid-file.
    /// </summary>
    /// <param name="count">How many downloads.</param>
    /// <param name="afterBytes">Bytes sent before the cut; always fewer than the body.</param>
    /// <param name="callId">Only this call's downloads; <c>null</c> for any.</param>
    public void CutNext(int count, long afterBytes, long? callId = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterBytes);
        Add(new MediaFaultRule { Kind = MediaFaultKind.Cut, Remaining = count, CallId = callId, Bytes = afterBytes });
    }

    /// <summary>The next <paramref name="count"/> downloads send their body at <paramref name="bytesPerSecond"/>, paced on the simulator's clock.</summary>
    /// <param name="count">How many downloads.</param>
    /// <param name="bytesPerSecond">The pace; at least 1.</param>
    /// <param name="callId">Only this call's downloads; <c>null</c> for any.</param>
    public void ThrottleNext(int count, int bytesPerSecond, long? callId = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytesPerSecond);
        Add(new MediaFaultRule { Kind = MediaFaultKind.Throttle, Remaining = count, CallId = callId, Value = bytesPerSecond });
    }

    /// <summary>
    /// The next download sends its headers and <paramref name="afterBytes"/> bytes, then waits at the returned gate until
    /// the test calls <see cref="SimulatorMediaGate.Release"/> (or the client gives up, or the simulator stops).
    /// </summary>
    /// <param name="afterBytes">Bytes sent before waiting.</param>
    /// <param name="callId">Only this call's downloads; <c>null</c> for any.</param>
    /// <returns>The gate; <see cref="SimulatorMediaGate.Reached"/> completes when the download waits at it.</returns>
    public SimulatorMediaGate HoldNext(long afterBytes = 0, long? callId = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterBytes);
        var gate = new SimulatorMediaGate();
        Add(new MediaFaultRule { Kind = MediaFaultKind.Hold, Remaining = 1, CallId = callId, Bytes = afterBytes, Gate = gate });
        return gate;
    }

    /// <summary>Removes every download fault that has not fired yet (held gates already reached stay held until released).</summary>
    public void ClearFaults()
    {
        lock (_lock)
        {
            _faults.Clear();
        }
    }

    /// <summary>Forgets <see cref="Requests"/> (and so the download counts).</summary>
    public void ClearRequests()
    {
        lock (_lock)
        {
            _requests.Clear();
        }
    }

    /// <summary>A fresh link to a call's file on <paramref name="baseAddress"/> (default: <see cref="AircallSimulator.BaseAddress"/>), issued now.</summary>
    internal string Issue(Uri? baseAddress, string account, long callId, MediaKind kind)
        => Signer.Issue(baseAddress ?? _simulator.BaseAddress, account, callId, kind, _simulator.TimeProvider.GetUtcNow());

    internal MediaLinks LinksFor(string account, Uri? baseAddress) => new(this, account, baseAddress);

    /// <summary>What a download of the call's file serves: the embedded file, or a sized variant.</summary>
    internal MediaContent ContentOf(long callId, MediaKind kind)
    {
        lock (_lock)
        {
            var size = _sizes.TryGetValue(callId, out var own) ? own : _defaultSize;
            if (size is not { } bytes)
            {
                return kind == MediaKind.Recording ? _recording : _voicemail;
            }

            if (!_contents.TryGetValue((kind, bytes), out var content))
            {
                content = MediaContent.Sized(kind == MediaKind.Recording ? RecordingSource : VoicemailSource, bytes);
                _contents[(kind, bytes)] = content;
            }

            return content;
        }
    }

    /// <summary>The first scripted fault for this download, consumed; <c>null</c> when none applies.</summary>
    internal MediaFaultRule? Decide(long callId, MediaFaultKind? only = null)
    {
        lock (_lock)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var rule = _faults[i];
                if ((rule.CallId is null || rule.CallId == callId) && (only is null ? rule.Kind != MediaFaultKind.Expire : rule.Kind == only))
                {
                    if (--rule.Remaining <= 0)
                    {
                        _faults.RemoveAt(i);
                    }

                    return rule;
                }
            }

            return null;
        }
    }

    internal void Record(SimulatorMediaRequest request)
    {
        lock (_lock)
        {
            _requests.Add(request);
        }
    }

    private int Count(long callId, bool completedOnly)
    {
        lock (_lock)
        {
            var count = 0;
            foreach (var request in _requests)
            {
                if (request.CallId == callId && request.Method == "GET" && request.StatusCode is 200 or 206 && (!completedOnly || request.Completed))
                {
                    count++;
                }
            }

            return count;
        }
    }

    private void Validate(long size)
    {
        var minimum = Math.Max(MediaContent.MinimumSize(RecordingSource), MediaContent.MinimumSize(VoicemailSource)) + 32;
        ArgumentOutOfRangeException.ThrowIfLessThan(size, minimum);
    }

    private void Add(MediaFaultRule rule)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rule.Remaining);
        lock (_lock)
        {
            _faults.Add(rule);
        }
    }
}
