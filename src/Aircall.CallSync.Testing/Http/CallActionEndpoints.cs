using Aircall.CallSync.Models;
using Aircall.CallSync.Serialization;
using Aircall.CallSync.Testing.Data;
using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.Testing.Http;

/// <summary>
/// The call actions, <c>/v1/calls/{id}/{action}</c>: archive and unarchive (200 <c>{call}</c>), comments (201, 5 per call
/// at most), tags (201, ids of the catalogue), transfers (204), insight cards (201), pause and resume recording (204, or
/// 405 when the number does not record) and deleting the recording or voicemail (204). Finished calls accept them all.
/// </summary>
internal sealed class CallActionEndpoints(AircallSimulator simulator)
{
    private const int MaxComments = 5;

    public async Task HandleAsync(HttpContext context, SimulatedAccount account, string idText, string action, string method)
    {
        if (!CallQueryReader.TryParseId(idText, out var id) || account.Timeline.GetFacets(id) is not { } facets)
        {
            await Responses.NotFoundAsync(context, "Call " + idText).ConfigureAwait(false);
            return;
        }

        var calls = account.Timeline;
        var task = (action, method) switch
        {
            ("archive" or "unarchive", "PUT") => ArchiveAsync(context, calls, id, archived: action == "archive"),
            ("comments", "POST") => CommentAsync(context, calls, id),
            ("tags", "POST") => TagAsync(context, calls, id),
            ("transfers", "POST") => TransferAsync(context, calls, id),
            ("insight_cards", "POST") => InsightCardAsync(context),
            ("pause_recording" or "resume_recording", "POST") => PauseRecordingAsync(context, calls, id, facets, paused: action == "pause_recording"),
            ("recording" or "voicemail", "DELETE") => DeleteMediaAsync(context, calls, id, recording: action == "recording"),
            _ => Responses.RouteNotFoundAsync(context),
        };
        await task.ConfigureAwait(false);
    }

    private Task ArchiveAsync(HttpContext context, CallTimeline calls, long id, bool archived)
    {
        calls.Mutate(id, (ref CallFacets _, CallOverlay o) => { o.Archived = archived; return true; });
        return CallResponse.WriteAsync(context, calls.Get(id, mediaBase: MediaEndpoints.RequestBase(context.Request))!, simulator.OddPayloads);
    }

    private async Task CommentAsync(HttpContext context, CallTimeline calls, long id)
    {
        var comment = await RequestBodies.ReadAsync(context, AircallJsonContext.Default.CommentRequest).ConfigureAwait(false);
        if (comment is null || string.IsNullOrWhiteSpace(comment.Content))
        {
            await Responses.UnprocessableAsync(context, "content is required").ConfigureAwait(false);
            return;
        }

        var now = simulator.TimeProvider.GetUtcNow();
        var added = calls.Mutate(id, (ref CallFacets f, CallOverlay o) =>
        {
            if (f.CommentCount + o.Comments.Count >= MaxComments)
            {
                return false;
            }

            o.Comments.Add(new Comment { Id = (id * 10) + 5 + o.Comments.Count, Content = comment.Content, PostedAt = now });
            return true;
        });
        await (added ? Responses.WriteAsync(context, 201, null) : Responses.UnprocessableAsync(context, "A call holds 5 comments at most")).ConfigureAwait(false);
    }

    private async Task TagAsync(HttpContext context, CallTimeline calls, long id)
    {
        var request = await RequestBodies.ReadAsync(context, AircallJsonContext.Default.TagCallRequest).ConfigureAwait(false);
        if (request?.Tags is not { Count: > 0 } tagIds)
        {
            await Responses.UnprocessableAsync(context, "tags must list tag ids").ConfigureAwait(false);
            return;
        }

        foreach (var tagId in tagIds)
        {
            if (Catalog.TagIndex(tagId) < 0)
            {
                await Responses.NotFoundAsync(context, $"Tag {tagId}").ConfigureAwait(false);
                return;
            }
        }

        var now = simulator.TimeProvider.GetUtcNow();
        calls.Mutate(id, (ref CallFacets f, CallOverlay o) =>
        {
            foreach (var tagId in tagIds)
            {
                var index = Catalog.TagIndex(tagId);
                f.TagMask |= 1 << index;
                o.TaggedAt[index] = now;
            }

            return true;
        });
        await Responses.WriteAsync(context, 201, null).ConfigureAwait(false);
    }

    private static async Task TransferAsync(HttpContext context, CallTimeline calls, long id)
    {
        var transfer = await RequestBodies.ReadAsync(context, AircallJsonContext.Default.TransferCallRequest).ConfigureAwait(false);
        if (transfer is null || (transfer.UserId is null && transfer.TeamId is null && string.IsNullOrEmpty(transfer.Number)))
        {
            await Responses.UnprocessableAsync(context, "one of user_id, team_id or number is required").ConfigureAwait(false);
            return;
        }

        if (transfer.UserId is { } userId && userId >= Catalog.UserId(0) && userId < Catalog.UserId(Catalog.UserNames.Length))
        {
            calls.Mutate(id, (ref CallFacets _, CallOverlay o) => { o.TransferredToUserIndex = (int)(userId - Catalog.UserId(0)); return true; });
        }

        await Responses.WriteAsync(context, 204, null).ConfigureAwait(false);
    }

    private static async Task InsightCardAsync(HttpContext context)
    {
        var card = await RequestBodies.ReadAsync(context, AircallJsonContext.Default.InsightCardRequest).ConfigureAwait(false);
        await (card?.Contents is { Count: > 0 } ? Responses.WriteAsync(context, 201, null) : Responses.UnprocessableAsync(context, "contents is required")).ConfigureAwait(false);
    }

    private static Task PauseRecordingAsync(HttpContext context, CallTimeline calls, long id, CallFacets facets, bool paused)
    {
        if (!Catalog.Numbers[facets.NumberIndex].Recording)
        {
            return Responses.WriteAsync(context, 405, ErrorBodies.Application("Method Not Allowed", "Recording is disabled on the Call's number"));
        }

        calls.Mutate(id, (ref CallFacets _, CallOverlay o) => { o.RecordingPaused = paused; return true; });
        return Responses.WriteAsync(context, 204, null);
    }

    private static Task DeleteMediaAsync(HttpContext context, CallTimeline calls, long id, bool recording)
    {
        calls.Mutate(id, (ref CallFacets _, CallOverlay o) =>
        {
            if (recording)
            {
                o.RecordingDeleted = true;
            }
            else
            {
                o.VoicemailDeleted = true;
            }

            return true;
        });
        return Responses.WriteAsync(context, 204, null);
    }
}
