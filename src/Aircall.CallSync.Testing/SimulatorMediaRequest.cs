namespace Aircall.CallSync.Testing;

/// <summary>One request to a recording or voicemail link, as recorded in <see cref="SimulatorMedia.Requests"/>.</summary>
public sealed record SimulatorMediaRequest
{
    /// <summary>When the request arrived, on the simulator's clock.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary><c>GET</c> or <c>HEAD</c> (or whatever was sent).</summary>
    public required string Method { get; init; }

    /// <summary>The call the link names; <c>null</c> when the path names none.</summary>
    public long? CallId { get; init; }

    /// <summary><c>recording</c> or <c>voicemail</c>; <c>null</c> when the path names neither.</summary>
    public string? Kind { get; init; }

    /// <summary>The status answered (200, 206, 403, 404, 5xx, ...).</summary>
    public required int StatusCode { get; init; }

    /// <summary>The S3 error code of a refusal (<c>AccessDenied</c>, <c>SignatureDoesNotMatch</c>, <c>NoSuchKey</c>, ...), or <c>null</c>.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The download fault applied (<c>expire</c>, <c>503</c>, <c>cut</c>, <c>throttle</c>, <c>hold</c>), or <c>null</c>.</summary>
    public string? Fault { get; init; }

    /// <summary>Bytes of audio sent.</summary>
    public long BytesSent { get; init; }

    /// <summary>Whether the whole body asked for (the file, or the range) was sent.</summary>
    public bool Completed { get; init; }
}
