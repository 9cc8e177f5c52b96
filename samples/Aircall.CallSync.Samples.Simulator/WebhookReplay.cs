using System.Text;
using Aircall.CallSync.Testing;

namespace Aircall.CallSync.Samples.Simulator;

/// <summary>
/// Delivers call lifecycles to the webhook given on the command line, one call at a time, and prints what each delivery
/// got back. Each call is new (it also appears in <c>GET /v1/calls</c>) and started an hour ago, so every event of its
/// lifecycle has happened by the time it is delivered.
/// </summary>
internal sealed class WebhookReplay(AircallSimulator simulator, SimulatorArguments arguments)
{
    /// <summary>Delivers <see cref="SimulatorArguments.WebhookCalls"/> lifecycles (0: until stopped); returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken stop)
    {
        var delivered = 0;
        try
        {
            while (arguments.WebhookCalls == 0 || delivered < arguments.WebhookCalls)
            {
                if (delivered > 0)
                {
                    await Task.Delay(arguments.WebhookInterval, stop);
                }

                if (!await DeliverOneAsync(stop))
                {
                    Console.WriteLine($"Webhook: deactivated after {simulator.Options.WebhookDeactivateAfterFailures} failed deliveries in a row, as Aircall does; fix the endpoint and restart.");
                    return delivered;
                }

                delivered++;
            }

            Console.WriteLine($"Webhook: {delivered} call lifecycles delivered. The API keeps serving; Ctrl+C stops.");
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        return delivered;
    }

    /// <summary>One new call's lifecycle; <c>false</c> when nothing could be sent (the webhook is inactive).</summary>
    private async Task<bool> DeliverOneAsync(CancellationToken stop)
    {
        var account = simulator.DefaultAccount;
        var id = account.AddCalls(1, simulator.TimeProvider.GetUtcNow() - SimulatorWebhooks.SimulatedCallAge)[0];
        var attempts = await simulator.Webhooks.DeliverLifecycleAsync(id, stop);
        if (attempts.Count == 0)
        {
            return false;
        }

        var call = account.GetCall(id)!;
        var line = new StringBuilder($"call {id} ({(call.IsInbound ? "inbound" : "outbound")}, {(call.IsAnswered ? "answered" : "missed")}):");
        foreach (var attempt in attempts)
        {
            line.Append(' ').Append(attempt.Event).Append(' ').Append(attempt.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? attempt.Error);
            if (attempt.Attempt > 1)
            {
                line.Append(" (attempt ").Append(attempt.Attempt).Append(')');
            }

            if (attempt.IsDuplicate)
            {
                line.Append(" (duplicate)");
            }

            line.Append(',');
        }

        Console.WriteLine(line.ToString().TrimEnd(','));
        return true;
    }
}
