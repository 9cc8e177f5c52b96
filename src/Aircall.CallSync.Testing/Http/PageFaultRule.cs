namespace Aircall.CallSync.Testing.Http;

/// <summary>A scripted page fault: the next <see cref="Remaining"/> list requests under <see cref="PathPrefix"/> get it.</summary>
internal sealed class PageFaultRule
{
    public required PageFaultKind Kind { get; init; }

    public string? PathPrefix { get; init; }

    public int Remaining { get; set; }

    /// <summary>For <see cref="PageFaultKind.ShortPage"/>: how many of the page's calls are kept.</summary>
    public int Keep { get; init; }

    public bool Applies(string path)
        => Remaining > 0 && (PathPrefix is null || path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase));

    public string Label => Kind switch
    {
        PageFaultKind.EmptyPage => "empty-page",
        PageFaultKind.ShortPage => "short-page",
        PageFaultKind.EmptyObject => "body-empty-object",
        PageFaultKind.NullCalls => "body-null-calls",
        PageFaultKind.NullEntry => "body-null-entry",
        _ => "none",
    };
}
