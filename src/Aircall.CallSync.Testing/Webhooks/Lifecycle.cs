using Aircall.CallSync.Models;
using Aircall.CallSync.Testing.Data;

namespace Aircall.CallSync.Testing.Webhooks;

/// <summary>
/// The events Aircall sends for a call, in order: created, ringing_on_agent, answered, transferred, hungup,
/// voicemail_left, ended (30 s after hungup), comm_assets_generated (1 s later, when the call has a recording or a
/// voicemail: Aircall's "recording available" signal), then tagged, commented and archived when they apply.
/// </summary>
internal static class Lifecycle
{
    public static List<LifecycleEvent> For(Call final, CallFacets facets)
    {
        var started = final.StartedAt!.Value;
        var ended = final.EndedAt ?? started;
        var events = new List<LifecycleEvent> { new("call.created", LifecycleStage.Created, started) };
        if (facets.IsInbound && (facets.IsAnswered || facets.MissedReasonIndex == 5 || facets.Kind == CallKind.InboundVoicemail))
        {
            events.Add(new("call.ringing_on_agent", LifecycleStage.Ringing, started.AddSeconds(1)));
        }

        if (final.AnsweredAt is { } answered)
        {
            events.Add(new("call.answered", LifecycleStage.Answered, answered));
            if (final.TransferredTo is not null)
            {
                events.Add(new("call.transferred", LifecycleStage.Transferred, answered + ((ended - answered) / 2)));
            }
        }

        events.Add(new("call.hungup", LifecycleStage.Hungup, ended));
        if (final.HasVoicemail)
        {
            events.Add(new("call.voicemail_left", LifecycleStage.Hungup, ended.AddSeconds(5)));
        }

        events.Add(new("call.ended", LifecycleStage.Ended, ended.AddSeconds(30)));
        if (final.Recording is not null || final.Voicemail is not null)
        {
            events.Add(new("call.comm_assets_generated", LifecycleStage.Ended, ended.AddSeconds(31)));
        }

        if (final.Tags is { Count: > 0 })
        {
            events.Add(new("call.tagged", LifecycleStage.Final, ended.AddSeconds(45)));
        }

        if (final.Comments is { Count: > 0 })
        {
            events.Add(new("call.commented", LifecycleStage.Final, ended.AddSeconds(60)));
        }

        if (final.Archived == true)
        {
            events.Add(new("call.archived", LifecycleStage.Final, ended.AddSeconds(90)));
        }

        return events;
    }
}
