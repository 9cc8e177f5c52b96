namespace Aircall.CallSync.Testing.Media;

/// <summary>
/// Fresh signed links for the calls of one account rendered now (a response, a page, a webhook delivery), on the origin
/// the client reaches the simulator at. <c>default</c> gives unsigned links (refused), for code that renders no response.
/// </summary>
internal readonly record struct MediaLinks(SimulatorMedia? Media, string Account, Uri? BaseAddress)
{
    private static readonly Uri s_nowhere = new("http://localhost/");

    public string For(long callId, MediaKind kind)
        => Media is null
            ? s_nowhere.GetLeftPart(UriPartial.Authority) + MediaSigner.PathOf("unsigned", callId, kind)
            : Media.Issue(BaseAddress, Account, callId, kind);
}
