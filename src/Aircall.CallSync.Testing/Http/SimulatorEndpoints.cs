using System.Globalization;
using System.Text;
using System.Text.Json;
using Aircall.CallSync.Api;
using Aircall.CallSync.Models;
using Aircall.CallSync.Serialization;
using Aircall.CallSync.Testing.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Aircall.CallSync.Testing.Http;

/// <summary>
/// The simulator's one request delegate: records the request, authenticates, rate-limits, injects faults, then routes
/// to Aircall's endpoints by hand (no routing middleware: fast and trimming-safe).
/// </summary>
internal sealed class SimulatorEndpoints(AircallSimulator simulator)
{
    private const string Json = "application/json";

    public async Task HandleAsync(HttpContext context)
    {
        var number = simulator.NextRequestNumber();
        var time = simulator.TimeProvider.GetUtcNow();
        SimulatedAccount? account = null;
        FaultDecision fault = default;
        var skew = simulator.Faults.DecideSkew(number, context.Request.Path.Value ?? string.Empty);
        if (skew is { } skewed)
        {
            WireFaults.SkewDateOnStarting(context.Response, simulator.TimeProvider, skewed.Delay, skewed.SkewReset);
        }

        try
        {
            account = await AuthenticateAndRunAsync(context, number, time, f => fault = f).ConfigureAwait(false);
        }
        finally
        {
            simulator.Record(new SimulatorRequest
            {
                Number = number,
                Time = time,
                Method = context.Request.Method,
                Path = context.Request.Path.Value ?? string.Empty,
                Query = context.Request.QueryString.Value ?? string.Empty,
                StatusCode = fault.Kind == FaultKind.Drop ? 0 : context.Response.StatusCode,
                Account = (account ?? context.Items[typeof(SimulatedAccount)] as SimulatedAccount)?.ApiId,
                Fault = fault.Label ?? context.Items[typeof(PageFaultRule)] as string ?? skew?.Label,
            });
        }
    }

    private async Task<SimulatedAccount?> AuthenticateAndRunAsync(HttpContext context, int number, DateTimeOffset time, Action<FaultDecision> onFault)
    {
        var account = Authenticate(context.Request.Headers.Authorization, out var authStatus);
        if (account is null)
        {
            await WriteAsync(context, authStatus, authStatus == 401 ? ErrorBodies.Unauthorized : ErrorBodies.Forbidden).ConfigureAwait(false);
            return null;
        }

        context.Items[typeof(SimulatedAccount)] = account;
        var limit = account.Limiter.Check(time);
        if (simulator.Options.SendRateLimitHeaders && (!limit.Allowed || simulator.Options.RateLimitHeadersOnEveryResponse))
        {
            WriteRateLimitHeaders(context.Response, limit);
        }

        if (!limit.Allowed)
        {
            simulator.CountRateLimited();
            await WriteAsync(context, 429, ErrorBodies.Application("Too Many Requests", "Rate limit reached: wait until X-AircallApi-Reset")).ConfigureAwait(false);
            return account;
        }

        var fault = simulator.Faults.Decide(number, context.Request.Path.Value ?? string.Empty);
        onFault(fault);
        switch (fault.Kind)
        {
            case FaultKind.Drop:
                context.Abort();
                return account;
            case FaultKind.ServerError:
                await WriteAsync(context, fault.StatusCode, Encoding.UTF8.GetBytes("{\"message\":\"Service Unavailable\"}")).ConfigureAwait(false);
                return account;
            case FaultKind.Malformed:
                await WriteAsync(context, 200, ErrorBodies.Malformed).ConfigureAwait(false);
                return account;
            case FaultKind.Slow:
                await Task.Delay(fault.Delay, simulator.TimeProvider, context.RequestAborted).ConfigureAwait(false);
                break;
            case FaultKind.StallBody:
                await WireFaults.StallBodyAsync(context, fault.Bytes, () => RouteAsync(context, account), simulator.TimeProvider, simulator.Stopping).ConfigureAwait(false);
                return account;
            case FaultKind.ResetFarAhead:
                WireFaults.WriteFarAheadReset(
                    context.Response, limit.Limit > 0 ? limit.Limit : 60, time + fault.Delay, simulator.Options.RateLimitResetInMilliseconds);
                if (fault.StatusCode == 429)
                {
                    simulator.CountRateLimited();
                    await WriteAsync(context, 429, ErrorBodies.Application("Too Many Requests", "Rate limit reached: wait until X-AircallApi-Reset")).ConfigureAwait(false);
                    return account;
                }

                break;
        }

        await RouteAsync(context, account).ConfigureAwait(false);
        return account;
    }

    private SimulatedAccount? Authenticate(StringValues header, out int status)
    {
        var value = header.ToString();
        status = 403;
        if (string.IsNullOrWhiteSpace(value))
        {
            status = 401;
            return null;
        }

        if (value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value[6..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? null : simulator.FindAccount(decoded[..colon], decoded[(colon + 1)..]);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? simulator.FindAccount(value[7..].Trim()) : null;
    }

    private void WriteRateLimitHeaders(HttpResponse response, RateLimitDecision limit)
    {
        if (limit.Limit <= 0)
        {
            return;
        }

        response.Headers["X-AircallApi-Limit"] = limit.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-AircallApi-Remaining"] = limit.Remaining.ToString(CultureInfo.InvariantCulture);
        var reset = simulator.Options.RateLimitResetInMilliseconds
            ? limit.Reset.ToUnixTimeMilliseconds()
            : (limit.Reset.ToUnixTimeMilliseconds() + 999) / 1000; // rounded up: waiting until then is always enough
        response.Headers["X-AircallApi-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
    }

    private async Task RouteAsync(HttpContext context, SimulatedAccount account)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var method = context.Request.Method;
        var segments = path.Trim('/').Split('/');
        if (segments.Length < 2 || !string.Equals(segments[0], "v1", StringComparison.Ordinal))
        {
            await WriteAsync(context, 404, ErrorBodies.RouteNotFound).ConfigureAwait(false);
            return;
        }

        var task = (segments[1], segments.Length, method) switch
        {
            ("ping", 2, "GET") => WriteJsonAsync(context, 200, new PingResponse { Ping = "pong" }, AircallJsonContext.Default.PingResponse),
            ("calls", 2, "GET") => ListCallsAsync(context, account, search: false),
            ("calls", 3, "GET") when segments[2] == "search" => ListCallsAsync(context, account, search: true),
            ("calls", 3, "GET") => GetCallAsync(context, account, segments[2]),
            ("calls", 4, _) => CallActionAsync(context, account, segments[2], segments[3], method),
            ("webhooks", 2, "GET") => ListWebhooksAsync(context, account),
            ("webhooks", 2, "POST") => CreateWebhookAsync(context, account),
            ("webhooks", 3, "GET") => GetWebhookAsync(context, account, segments[2]),
            ("webhooks", 3, "PUT") => UpdateWebhookAsync(context, account, segments[2]),
            ("webhooks", 3, "DELETE") => DeleteWebhookAsync(context, account, segments[2]),
            _ => WriteAsync(context, 404, ErrorBodies.RouteNotFound),
        };
        await task.ConfigureAwait(false);
    }

    private async Task ListCallsAsync(HttpContext context, SimulatedAccount account, bool search)
    {
        var query = context.Request.Query;
        CallFilter? filter = null;
        var error = Paging.TryRead(query, out var page, out var perPage) ?? TryReadCallQuery(query, search, out filter);
        if (error is not null || filter is null)
        {
            await BadRequestAsync(context, error ?? "invalid query").ConfigureAwait(false);
            return;
        }

        if (Paging.PastCap(page, perPage))
        {
            await WriteAsync(context, 400, ErrorBodies.PaginationCap).ConfigureAwait(false);
            return;
        }

        var (total, slots, overlays) = account.Timeline.Query(filter, (page - 1) * perPage, perPage);
        var calls = new Call[slots.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            calls[i] = CallGenerator.Build(account.Timeline.Seed, slots[i], overlays[i], LifecycleStage.Final, webhookShape: false, simulator.Faults.StartedAtDelay(slots[i].Id));
        }

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

    private static string? TryReadCallQuery(IQueryCollection query, bool search, out CallFilter? filter)
    {
        filter = null;
        long? from = null, to = null;
        if (query.TryGetValue("from", out var f))
        {
            if (!long.TryParse(f.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            {
                return "from must be a UNIX timestamp in seconds";
            }

            from = v;
        }

        if (query.TryGetValue("to", out var t))
        {
            if (!long.TryParse(t.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            {
                return "to must be a UNIX timestamp in seconds";
            }

            to = v;
        }

        var order = query["order"].ToString();
        if (order.Length > 0 && order is not ("asc" or "desc"))
        {
            return "order must be asc or desc";
        }

        bool? inbound = null;
        long? userId = null;
        string? phone = null;
        var tags = 0;
        var nothing = false;
        if (search)
        {
            var direction = query["direction"].ToString();
            if (direction.Length > 0)
            {
                if (direction is not ("inbound" or "outbound"))
                {
                    return "direction must be inbound or outbound";
                }

                inbound = direction == "inbound";
            }

            if (query.TryGetValue("user_id", out var u))
            {
                if (!long.TryParse(u.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var user))
                {
                    return "user_id must be an integer";
                }

                userId = user;
            }

            if (query.TryGetValue("phone_number", out var p) && p.ToString().Length > 0)
            {
                phone = Catalog.Normalize(p.ToString());
            }

            // Repeated tags[] keys, AND semantics; a comma-joined or unknown value matches nothing, as on Aircall.
            foreach (var tag in query["tags[]"])
            {
                var index = long.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out var tagId) ? Catalog.TagIndex(tagId) : -1;
                if (index < 0)
                {
                    nothing = true;
                }
                else
                {
                    tags |= 1 << index;
                }
            }
        }

        filter = new CallFilter
        {
            From = from,
            To = to,
            Descending = order == "desc",
            Inbound = inbound,
            UserId = userId,
            Phone = phone,
            RequiredTags = tags,
            MatchesNothing = nothing,
        };
        return null;
    }

    private async Task GetCallAsync(HttpContext context, SimulatedAccount account, string idText)
    {
        var call = TryParseId(idText, out var id) ? account.Timeline.Get(id, startedAtDelay: simulator.Faults.StartedAtDelay(id)) : null;
        if (call is null)
        {
            await CallNotFoundAsync(context, idText).ConfigureAwait(false);
            return;
        }

        await WriteCallAsync(context, call).ConfigureAwait(false);
    }

    private async Task CallActionAsync(HttpContext context, SimulatedAccount account, string idText, string action, string method)
    {
        if (!TryParseId(idText, out var id) || account.Timeline.GetFacets(id) is not { } facets)
        {
            await CallNotFoundAsync(context, idText).ConfigureAwait(false);
            return;
        }

        var now = simulator.TimeProvider.GetUtcNow();
        switch (action, method)
        {
            case ("archive", "PUT"):
            case ("unarchive", "PUT"):
                var archived = action == "archive";
                account.Timeline.Mutate(id, (ref CallFacets _, CallOverlay o) => { o.Archived = archived; return true; });
                await WriteCallAsync(context, account.Timeline.Get(id)!).ConfigureAwait(false);
                return;
            case ("comments", "POST"):
                var comment = await ReadBodyAsync(context, AircallJsonContext.Default.CommentRequest).ConfigureAwait(false);
                if (comment is null || string.IsNullOrWhiteSpace(comment.Content))
                {
                    await UnprocessableAsync(context, "content is required").ConfigureAwait(false);
                    return;
                }

                var added = account.Timeline.Mutate(id, (ref CallFacets f, CallOverlay o) =>
                {
                    if (f.CommentCount + o.Comments.Count >= 5)
                    {
                        return false;
                    }

                    o.Comments.Add(new Comment { Id = (id * 10) + 5 + o.Comments.Count, Content = comment.Content, PostedAt = now });
                    return true;
                });
                await (added ? WriteAsync(context, 201, null) : UnprocessableAsync(context, "A call holds 5 comments at most")).ConfigureAwait(false);
                return;
            case ("tags", "POST"):
                var tagRequest = await ReadBodyAsync(context, AircallJsonContext.Default.TagCallRequest).ConfigureAwait(false);
                if (tagRequest?.Tags is not { Count: > 0 } tagIds)
                {
                    await UnprocessableAsync(context, "tags must list tag ids").ConfigureAwait(false);
                    return;
                }

                foreach (var tagId in tagIds)
                {
                    if (Catalog.TagIndex(tagId) < 0)
                    {
                        await WriteAsync(context, 404, ErrorBodies.Application("Not Found", $"Tag {tagId} was not found")).ConfigureAwait(false);
                        return;
                    }
                }

                account.Timeline.Mutate(id, (ref CallFacets f, CallOverlay o) =>
                {
                    foreach (var tagId in tagIds)
                    {
                        var index = Catalog.TagIndex(tagId);
                        f.TagMask |= 1 << index;
                        o.TaggedAt[index] = now;
                    }

                    return true;
                });
                await WriteAsync(context, 201, null).ConfigureAwait(false);
                return;
            case ("transfers", "POST"):
                var transfer = await ReadBodyAsync(context, AircallJsonContext.Default.TransferCallRequest).ConfigureAwait(false);
                if (transfer is null || (transfer.UserId is null && transfer.TeamId is null && string.IsNullOrEmpty(transfer.Number)))
                {
                    await UnprocessableAsync(context, "one of user_id, team_id or number is required").ConfigureAwait(false);
                    return;
                }

                if (transfer.UserId is { } userId && userId >= Catalog.UserId(0) && userId < Catalog.UserId(Catalog.UserNames.Length))
                {
                    account.Timeline.Mutate(id, (ref CallFacets _, CallOverlay o) => { o.TransferredToUserIndex = (int)(userId - Catalog.UserId(0)); return true; });
                }

                await WriteAsync(context, 204, null).ConfigureAwait(false);
                return;
            case ("insight_cards", "POST"):
                var card = await ReadBodyAsync(context, AircallJsonContext.Default.InsightCardRequest).ConfigureAwait(false);
                await (card?.Contents is { Count: > 0 } ? WriteAsync(context, 201, null) : UnprocessableAsync(context, "contents is required")).ConfigureAwait(false);
                return;
            case ("pause_recording", "POST"):
            case ("resume_recording", "POST"):
                if (Catalog.Numbers[facets.NumberIndex].Recording)
                {
                    account.Timeline.Mutate(id, (ref CallFacets _, CallOverlay o) => { o.RecordingPaused = action == "pause_recording"; return true; });
                    await WriteAsync(context, 204, null).ConfigureAwait(false);
                }
                else
                {
                    await WriteAsync(context, 405, ErrorBodies.Application("Method Not Allowed", "Recording is disabled on the Call's number")).ConfigureAwait(false);
                }

                return;
            case ("recording", "DELETE"):
            case ("voicemail", "DELETE"):
                account.Timeline.Mutate(id, (ref CallFacets _, CallOverlay o) =>
                {
                    if (action == "recording")
                    {
                        o.RecordingDeleted = true;
                    }
                    else
                    {
                        o.VoicemailDeleted = true;
                    }

                    return true;
                });
                await WriteAsync(context, 204, null).ConfigureAwait(false);
                return;
            default:
                await WriteAsync(context, 404, ErrorBodies.RouteNotFound).ConfigureAwait(false);
                return;
        }
    }

    private static async Task ListWebhooksAsync(HttpContext context, SimulatedAccount account)
    {
        var error = Paging.TryRead(context.Request.Query, out var page, out var perPage);
        if (error is not null)
        {
            await BadRequestAsync(context, error).ConfigureAwait(false);
            return;
        }

        var (total, webhooks) = account.WebhookRegistry.List((page - 1) * perPage, perPage, context.Request.Query["order"] == "desc");
        var meta = Paging.Meta(context.Request, page, perPage, webhooks.Length, total);
        await ListWriter.WriteAsync(context, "webhooks", webhooks, AircallJsonContext.Default.Webhook, meta).ConfigureAwait(false);
    }

    private async Task CreateWebhookAsync(HttpContext context, SimulatedAccount account)
    {
        var request = await ReadBodyAsync(context, AircallJsonContext.Default.WebhookRequest).ConfigureAwait(false);
        if (request is null || !Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            await BadRequestAsync(context, "url is required and must be an absolute HTTPS URL").ConfigureAwait(false);
            return;
        }

        var webhook = account.WebhookRegistry.Create(request, simulator.TimeProvider.GetUtcNow());
        if (webhook is null)
        {
            await BadRequestAsync(context, "A company can register 100 webhooks at most").ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(context, 201, new WebhookEnvelope { Webhook = webhook }, AircallJsonContext.Default.WebhookEnvelope).ConfigureAwait(false);
    }

    private static async Task GetWebhookAsync(HttpContext context, SimulatedAccount account, string id)
    {
        var webhook = account.WebhookRegistry.Get(id);
        await (webhook is null
            ? WebhookNotFoundAsync(context, id)
            : WriteJsonAsync(context, 200, new WebhookEnvelope { Webhook = webhook }, AircallJsonContext.Default.WebhookEnvelope)).ConfigureAwait(false);
    }

    private static async Task UpdateWebhookAsync(HttpContext context, SimulatedAccount account, string id)
    {
        var request = await ReadBodyAsync(context, AircallJsonContext.Default.WebhookRequest).ConfigureAwait(false) ?? new WebhookRequest();
        var action = context.Request.Query["events_action"].ToString();
        var webhook = account.WebhookRegistry.Update(id, request, action.Length == 0 ? null : action);
        await (webhook is null
            ? WebhookNotFoundAsync(context, id)
            : WriteJsonAsync(context, 200, new WebhookEnvelope { Webhook = webhook }, AircallJsonContext.Default.WebhookEnvelope)).ConfigureAwait(false);
    }

    private static Task DeleteWebhookAsync(HttpContext context, SimulatedAccount account, string id)
        => account.WebhookRegistry.Delete(id) ? WriteAsync(context, 204, null) : WebhookNotFoundAsync(context, id);

    private static bool TryParseId(string text, out long id)
        => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);

    private static async Task<T?> ReadBodyAsync<T>(HttpContext context, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, typeInfo, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task BadRequestAsync(HttpContext context, string troubleshoot)
        => WriteAsync(context, 400, ErrorBodies.Application("Bad Request", troubleshoot));

    private static Task UnprocessableAsync(HttpContext context, string troubleshoot)
        => WriteAsync(context, 422, ErrorBodies.Application("Unprocessable Entity", troubleshoot));

    private static Task CallNotFoundAsync(HttpContext context, string id)
        => WriteAsync(context, 404, ErrorBodies.Application("Not Found", $"Call {id} was not found"));

    private static Task WebhookNotFoundAsync(HttpContext context, string id)
        => WriteAsync(context, 404, ErrorBodies.Application("Not Found", $"Webhook {id} was not found"));

    private static async Task WriteAsync(HttpContext context, int status, byte[]? body)
    {
        context.Response.StatusCode = status;
        if (body is not null)
        {
            context.Response.ContentType = Json;
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>200 <c>{"call": {...}}</c>, the call written with its odd shapes, if any.</summary>
    private async Task WriteCallAsync(HttpContext context, Call call)
    {
        var odd = simulator.OddPayloads;
        if (!odd.IsOn)
        {
            await WriteJsonAsync(context, 200, new CallEnvelope { Call = call }, AircallJsonContext.Default.CallEnvelope).ConfigureAwait(false);
            return;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("call");
            odd.Write(writer, call);
            writer.WriteEndObject();
        }

        await WriteAsync(context, 200, buffer.WrittenSpan.ToArray()).ConfigureAwait(false);
    }

    private static async Task WriteJsonAsync<T>(HttpContext context, int status, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = Json;
        await JsonSerializer.SerializeAsync(context.Response.Body, value, typeInfo, context.RequestAborted).ConfigureAwait(false);
    }
}
