using Aircall.CallSync.Api;
using Aircall.CallSync.Models;
using Aircall.CallSync.Serialization;
using Aircall.CallSync.Testing.Data;
using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.Testing.Http;

/// <summary>
/// <c>GET /v1/calls</c>, <c>GET /v1/calls/search</c> (paging, the 10,000 cap, filters, page faults, odd payloads) and
/// <c>GET /v1/calls/{id}</c>.
/// </summary>
internal sealed class CallEndpoints(AircallSimulator simulator)
{
    public async Task ListAsync(HttpContext context, SimulatedAccount account, bool search)
    {
        var query = context.Request.Query;
        CallFilter? filter = null;
        var error = Paging.TryRead(query, out var page, out var perPage) ?? CallQueryReader.TryRead(query, search, out filter);
        if (error is not null || filter is null)
        {
            await Responses.BadRequestAsync(context, error ?? "invalid query").ConfigureAwait(false);
            return;
        }

        if (Paging.PastCap(page, perPage))
        {
            await Responses.WriteAsync(context, 400, ErrorBodies.PaginationCap).ConfigureAwait(false);
            return;
        }

        var (total, calls) = Page(account, filter, page, perPage, MediaEndpoints.RequestBase(context.Request));
        var meta = Paging.Meta(context.Request, page, perPage, calls.Length, total);
        if (simulator.Faults.DecidePage(context.Request.Path.Value ?? string.Empty) is { } pageFault)
        {
            context.Items[typeof(PageFaultRule)] = pageFault.Label;
            await PageFaults.WriteAsync(context, pageFault, calls, meta, simulator.OddPayloads).ConfigureAwait(false);
            return;
        }

        var odd = simulator.OddPayloads;
        await ListWriter.WriteAsync(context, "calls", calls, AircallJsonContext.Default.Call, meta, odd.IsOn ? odd.Write : null).ConfigureAwait(false);
    }

    public async Task GetAsync(HttpContext context, SimulatedAccount account, string idText)
    {
        var call = CallQueryReader.TryParseId(idText, out var id) ? account.Timeline.Get(id, startedAtDelay: simulator.Faults.StartedAtDelay(id), mediaBase: MediaEndpoints.RequestBase(context.Request)) : null;
        await (call is null
            ? Responses.NotFoundAsync(context, "Call " + idText)
            : CallResponse.WriteAsync(context, call, simulator.OddPayloads)).ConfigureAwait(false);
    }

    /// <summary>The page's calls in their final state, with the late <c>started_at</c> faults applied.</summary>
    private (int Total, Call[] Calls) Page(SimulatedAccount account, CallFilter filter, int page, int perPage, Uri mediaBase)
    {
        var links = account.Timeline.Links(mediaBase);
        var (total, slots, overlays) = account.Timeline.Query(filter, (page - 1) * perPage, perPage);
        var calls = new Call[slots.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            calls[i] = CallGenerator.Build(account.Timeline.Seed, slots[i], overlays[i], LifecycleStage.Final, webhookShape: false, simulator.Faults.StartedAtDelay(slots[i].Id), links);
        }

        return (total, calls);
    }
}
