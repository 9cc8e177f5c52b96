using Aircall.CallSync.Api;
using Aircall.CallSync.Serialization;
using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.Testing.Http;

/// <summary>
/// The simulator's one request delegate: records the request, admits it (<see cref="AdmissionStage"/>: authentication and
/// rate limit), applies its fault (<see cref="RequestFaultStage"/>), then routes to Aircall's endpoints by hand (no
/// routing middleware: fast and trimming-safe): <see cref="CallEndpoints"/>, <see cref="CallActionEndpoints"/> and
/// <see cref="WebhookEndpoints"/>.
/// </summary>
internal sealed class SimulatorEndpoints(AircallSimulator simulator)
{
    private readonly AdmissionStage _admission = new(simulator);
    private readonly RequestFaultStage _faults = new(simulator);
    private readonly CallEndpoints _calls = new(simulator);
    private readonly CallActionEndpoints _actions = new(simulator);
    private readonly WebhookEndpoints _webhooks = new(simulator);
    private readonly MediaEndpoints _media = new(simulator);

    public async Task HandleAsync(HttpContext context)
    {
        if (MediaEndpoints.Matches(context.Request.Path))
        {
            await _media.HandleAsync(context).ConfigureAwait(false); // S3-style links: no Aircall credentials, own record
            return;
        }

        var number = simulator.NextRequestNumber();
        var time = simulator.TimeProvider.GetUtcNow();
        var skew = simulator.Faults.DecideSkew(number, context.Request.Path.Value ?? string.Empty);
        if (skew is { } skewed)
        {
            WireFaults.SkewDateOnStarting(context.Response, simulator.TimeProvider, skewed.Delay, skewed.SkewReset);
        }

        try
        {
            await RunAsync(context, number, time).ConfigureAwait(false);
        }
        finally
        {
            var fault = context.Items[typeof(FaultDecision)] is FaultDecision applied ? applied : default;
            simulator.Record(new SimulatorRequest
            {
                Number = number,
                Time = time,
                Method = context.Request.Method,
                Path = context.Request.Path.Value ?? string.Empty,
                Query = context.Request.QueryString.Value ?? string.Empty,
                StatusCode = fault.Kind == FaultKind.Drop ? 0 : context.Response.StatusCode,
                Account = (context.Items[typeof(SimulatedAccount)] as SimulatedAccount)?.ApiId,
                Fault = fault.Label ?? context.Items[typeof(PageFaultRule)] as string ?? skew?.Label,
            });
        }
    }

    /// <summary>Admits, faults and routes the request; the fault decided for it is left in <c>HttpContext.Items</c> for its record.</summary>
    private async Task RunAsync(HttpContext context, int number, DateTimeOffset time)
    {
        var admitted = await _admission.AdmitAsync(context, time).ConfigureAwait(false);
        if (admitted is not { } admission)
        {
            return;
        }

        var fault = simulator.Faults.Decide(number, context.Request.Path.Value ?? string.Empty);
        context.Items[typeof(FaultDecision)] = fault;
        await _faults.ApplyAsync(context, fault, admission.Limit, time, () => RouteAsync(context, admission.Account)).ConfigureAwait(false);
    }

    private Task RouteAsync(HttpContext context, SimulatedAccount account)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var method = context.Request.Method;
        var segments = path.Trim('/').Split('/');
        if (segments.Length < 2 || !string.Equals(segments[0], "v1", StringComparison.Ordinal))
        {
            return Responses.RouteNotFoundAsync(context);
        }

        return (segments[1], segments.Length, method) switch
        {
            ("ping", 2, "GET") => Responses.WriteJsonAsync(context, 200, new PingResponse { Ping = "pong" }, AircallJsonContext.Default.PingResponse),
            ("calls", 2, "GET") => _calls.ListAsync(context, account, search: false),
            ("calls", 3, "GET") when segments[2] == "search" => _calls.ListAsync(context, account, search: true),
            ("calls", 3, "GET") => _calls.GetAsync(context, account, segments[2]),
            ("calls", 4, _) => _actions.HandleAsync(context, account, segments[2], segments[3], method),
            ("webhooks", 2, "GET") => WebhookEndpoints.ListAsync(context, account),
            ("webhooks", 2, "POST") => _webhooks.CreateAsync(context, account),
            ("webhooks", 3, "GET") => WebhookEndpoints.GetAsync(context, account, segments[2]),
            ("webhooks", 3, "PUT") => WebhookEndpoints.UpdateAsync(context, account, segments[2]),
            ("webhooks", 3, "DELETE") => WebhookEndpoints.DeleteAsync(context, account, segments[2]),
            _ => Responses.RouteNotFoundAsync(context),
        };
    }
}
