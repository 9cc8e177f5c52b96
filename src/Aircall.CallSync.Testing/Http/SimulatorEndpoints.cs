using Aircall.CallSync.Api;
using Aircall.CallSync.Serialization;
using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.Testing.Http;

/// <summary>
/// The simulator's one request delegate: records the request, admits it (<see cref="AdmissionStage"/>: authentication and
/// rate limit), applies its fault (<see cref="RequestFaultStage"/>), then routes to Aircall's endpoints by hand (no
/// routing middleware: fast and trimming-safe): <see cref="CallEndpoints"/>, <see cref="CallActionEndpoints"/>,
/// <see cref="WebhookEndpoints"/> and <see cref="IntegrationEndpoints"/>. OAuth's consent and token endpoints and the
/// simulator's control endpoints take no account credentials: <see cref="OpenEndpoints"/> routes them first.
/// </summary>
internal sealed class SimulatorEndpoints(AircallSimulator simulator)
{
    private readonly AdmissionStage _admission = new(simulator);
    private readonly RequestFaultStage _faults = new(simulator);
    private readonly CallEndpoints _calls = new(simulator);
    private readonly CallActionEndpoints _actions = new(simulator);
    private readonly WebhookEndpoints _webhooks = new(simulator);
    private readonly MediaEndpoints _media = new(simulator);
    private readonly IntegrationEndpoints _integrations = new(simulator);
    private readonly OpenEndpoints _open = new(simulator);

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
            var account = context.Items[typeof(SimulatedAccount)] as SimulatedAccount;
            simulator.Record(new SimulatorRequest
            {
                Number = number,
                Time = time,
                Method = context.Request.Method,
                Path = context.Request.Path.Value ?? string.Empty,
                Query = context.Request.QueryString.Value ?? string.Empty,
                StatusCode = fault.Kind == FaultKind.Drop ? 0 : context.Response.StatusCode,
                Account = account?.ApiId,
                CompanyId = account?.CompanyId,
                ClientId = (context.Items[typeof(SimulatorAccessToken)] as SimulatorAccessToken)?.ClientId,
                Fault = fault.Label ?? context.Items[typeof(PageFaultRule)] as string ?? skew?.Label,
            });
        }
    }

    /// <summary>Admits, faults and routes the request; the fault decided for it is left in <c>HttpContext.Items</c> for its record.</summary>
    private async Task RunAsync(HttpContext context, int number, DateTimeOffset time)
    {
        if (_open.Match(context, out var isTokenEndpoint) is { } open)
        {
            var tokenFault = isTokenEndpoint ? simulator.Faults.Decide(number, context.Request.Path.Value ?? string.Empty) : default;
            context.Items[typeof(FaultDecision)] = tokenFault;
            await _faults.ApplyAsync(context, tokenFault, default, time, open).ConfigureAwait(false);
            return;
        }

        var admitted = await _admission.AdmitAsync(context, time).ConfigureAwait(false);
        if (admitted is not { } admission)
        {
            return;
        }

        var fault = simulator.Faults.Decide(number, context.Request.Path.Value ?? string.Empty, admission.Account);
        context.Items[typeof(FaultDecision)] = fault;
        var token = context.Items[typeof(SimulatorAccessToken)] as SimulatorAccessToken;
        await _faults.ApplyAsync(context, fault, admission.Limit, time, () => RouteAsync(context, admission.Account, token)).ConfigureAwait(false);
    }

    /// <summary>Routes an admitted request; <paramref name="token"/> is the OAuth token that opened the account, if one did.</summary>
    private Task RouteAsync(HttpContext context, SimulatedAccount account, SimulatorAccessToken? token)
    {
        var owner = token?.ClientId;
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
            ("webhooks", 2, "GET") => WebhookEndpoints.ListAsync(context, account, owner),
            ("webhooks", 2, "POST") => _webhooks.CreateAsync(context, account, owner),
            ("webhooks", 3, "GET") => WebhookEndpoints.GetAsync(context, account, segments[2], owner),
            ("webhooks", 3, "PUT") => WebhookEndpoints.UpdateAsync(context, account, segments[2], owner),
            ("webhooks", 3, "DELETE") => WebhookEndpoints.DeleteAsync(context, account, segments[2], owner),
            ("integrations", 3, _) => _integrations.HandleAsync(context, account, token, segments[2], method),
            _ => Responses.RouteNotFoundAsync(context),
        };
    }
}
