namespace Aircall.CallSync.Webhooks;

/// <summary>
/// Names of Aircall webhook events. Aircall adds events over time: dispatch on these constants, and treat any other
/// name as valid (the SDK keeps unknown events as raw JSON and never throws on them).
/// </summary>
public static class AircallWebhookEvents
{
    /// <summary>The prefix of every call event.</summary>
    public const string CallPrefix = "call.";

    /// <summary>The prefix of user events (<c>user.created</c>, <c>user.connected</c>, ... and their <c>.v2</c> variants).</summary>
    public const string UserPrefix = "user.";

    /// <summary>The prefix of contact events (<c>contact.created</c>, <c>contact.updated</c>, <c>contact.deleted</c>).</summary>
    public const string ContactPrefix = "contact.";

    /// <summary>The prefix of number events (<c>number.created</c>, <c>number.opened</c>, ...).</summary>
    public const string NumberPrefix = "number.";

    /// <summary>Your OAuth integration was uninstalled from a company (sent only to webhooks created with OAuth).</summary>
    public const string IntegrationDeleted = "integration.deleted";

    /// <summary>A call was created (inbound call reached Aircall, or an agent started dialling).</summary>
    public const string CallCreated = "call.created";

    /// <summary>An agent's phone is ringing.</summary>
    public const string CallRingingOnAgent = "call.ringing_on_agent";

    /// <summary>An agent declined the call.</summary>
    public const string CallAgentDeclined = "call.agent_declined";

    /// <summary>The call was answered.</summary>
    public const string CallAnswered = "call.answered";

    /// <summary>The call was transferred to a user or team.</summary>
    public const string CallTransferred = "call.transferred";

    /// <summary>The call was transferred to an external number.</summary>
    public const string CallExternalTransferred = "call.external_transferred";

    /// <summary>A transfer failed.</summary>
    public const string CallUnsuccessfulTransfer = "call.unsuccessful_transfer";

    /// <summary>The call was hung up (fires at once; data not final yet — sync on <see cref="CallEnded"/>).</summary>
    public const string CallHungup = "call.hungup";

    /// <summary>About 30 s after hang-up, once duration, recording, voicemail and missed reason are final.</summary>
    public const string CallEnded = "call.ended";

    /// <summary>The caller left a voicemail.</summary>
    public const string CallVoicemailLeft = "call.voicemail_left";

    /// <summary>The call was assigned to a user.</summary>
    public const string CallAssigned = "call.assigned";

    /// <summary>The call was archived.</summary>
    public const string CallArchived = "call.archived";

    /// <summary>A tag was added.</summary>
    public const string CallTagged = "call.tagged";

    /// <summary>A tag was removed.</summary>
    public const string CallUntagged = "call.untagged";

    /// <summary>A comment was posted.</summary>
    public const string CallCommented = "call.commented";

    /// <summary>The call was put on hold.</summary>
    public const string CallHold = "call.hold";

    /// <summary>The call was taken off hold.</summary>
    public const string CallUnhold = "call.unhold";

    /// <summary>The caller chose an IVR option.</summary>
    public const string CallIvrOptionSelected = "call.ivr_option_selected";

    /// <summary>Recording or voicemail assets are ready.</summary>
    public const string CallCommAssetsGenerated = "call.comm_assets_generated";

    /// <summary>The 19 call events documented by Aircall.</summary>
    public static IReadOnlyList<string> CallEvents { get; } =
    [
        CallCreated, CallRingingOnAgent, CallAgentDeclined, CallAnswered, CallTransferred, CallExternalTransferred,
        CallUnsuccessfulTransfer, CallHungup, CallEnded, CallVoicemailLeft, CallAssigned, CallArchived, CallTagged,
        CallUntagged, CallCommented, CallHold, CallUnhold, CallIvrOptionSelected, CallCommAssetsGenerated,
    ];

    /// <summary>Whether <paramref name="eventName"/> is a call event (starts with <c>call.</c>).</summary>
    /// <param name="eventName">The event name.</param>
    public static bool IsCallEvent(string? eventName)
        => eventName is not null && eventName.StartsWith(CallPrefix, StringComparison.Ordinal);
}
