using Aircall.CallSync.Models;
using Refit;

namespace Aircall.CallSync.Api;

/// <summary>
/// Query parameters of <c>GET /v1/calls</c>. Unset parameters are not sent, and the <c>fetch_*</c> flags are sent
/// only when <c>true</c> (Aircall documents them as "when set to true").
/// </summary>
internal class CallListParameters
{
    private bool _fetchContact;
    private bool _fetchShortUrls;
    private bool _fetchCallTimeline;
    private bool _fetchAiVoiceAgentConversation;

    /// <summary>Minimal creation time; sent as UNIX seconds whatever the offset.</summary>
    [AliasAs("from")] public DateTimeOffset? From { get; init; }

    /// <summary>Maximal creation time; sent as UNIX seconds whatever the offset.</summary>
    [AliasAs("to")] public DateTimeOffset? To { get; init; }

    /// <summary>Order by creation time; Aircall's default is ascending.</summary>
    [AliasAs("order")] public SortOrder? Order { get; init; }

    /// <summary>1-based page number.</summary>
    [AliasAs("page")] public int? Page { get; init; }

    /// <summary>Page size, 1 to 50 (Aircall's default is 20).</summary>
    [AliasAs("per_page")] public int? PerPage { get; init; }

    /// <summary>Embed the full contact in each call. <c>null</c> when not requested: <c>false</c> is never sent.</summary>
    [AliasAs("fetch_contact")]
    public bool? FetchContact { get => _fetchContact ? true : null; init => _fetchContact = value == true; }

    /// <summary>Add <c>recording_short_url</c>/<c>voicemail_short_url</c>. <c>null</c> when not requested.</summary>
    [AliasAs("fetch_short_urls")]
    public bool? FetchShortUrls { get => _fetchShortUrls ? true : null; init => _fetchShortUrls = value == true; }

    /// <summary>Add <c>ivr_options_selected</c>. <c>null</c> when not requested.</summary>
    [AliasAs("fetch_call_timeline")]
    public bool? FetchCallTimeline { get => _fetchCallTimeline ? true : null; init => _fetchCallTimeline = value == true; }

    /// <summary>Add the AI Voice Agent conversation (<c>ai_voice_agents</c>). <c>null</c> when not requested.</summary>
    [AliasAs("fetch_aiva_conv")]
    public bool? FetchAiVoiceAgentConversation { get => _fetchAiVoiceAgentConversation ? true : null; init => _fetchAiVoiceAgentConversation = value == true; }
}
