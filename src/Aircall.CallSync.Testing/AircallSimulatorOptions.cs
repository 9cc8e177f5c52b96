namespace Aircall.CallSync.Testing;

/// <summary>
/// Settings of an <see cref="AircallSimulator"/>. Read once when the simulator is created; changing them afterwards has
/// no effect. Every default mirrors Aircall where Aircall documents a value.
/// </summary>
public sealed class AircallSimulatorOptions
{
    /// <summary>The Kestrel port on 127.0.0.1 used by <see cref="AircallSimulator.StartKestrelAsync"/>; 0 (default) picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>How many calls the default account starts with (default 100). 100,000 calls take a few megabytes.</summary>
    public int CallCount { get; set; } = 100;

    /// <summary>The seed of everything random: call data, webhook tokens, probabilistic faults. Same seed, same data.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>The api_id of the default account (Basic auth).</summary>
    public string ApiId { get; set; } = "sim-api-id";

    /// <summary>The api_token of the default account (Basic auth). A fake value: the simulator holds no secrets.</summary>
    public string ApiToken { get; set; } = "sim-api-token";

    /// <summary>An OAuth access token (Bearer) that also opens the default account; <c>null</c> accepts Basic only.</summary>
    public string? AccessToken { get; set; } = "sim-access-token";

    /// <summary>When the generated calls end; <c>null</c> (default) means the simulator's current time when it is created.</summary>
    public DateTimeOffset? PeriodEnd { get; set; }

    /// <summary>How far back from <see cref="PeriodEnd"/> generated calls start (default 30 days).</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How many of the <see cref="CallCount"/> calls share one single second, in the middle of the period (default 0). Set
    /// it above 10,000 to reproduce a second that no <c>from</c>/<c>to</c> window can page through under the cap.
    /// </summary>
    public int CallsInBusiestSecond { get; set; }

    /// <summary>Requests allowed per account within <see cref="RateLimitWindow"/> (default 60); 0 or less disables the limit.</summary>
    public int RateLimit { get; set; } = 60;

    /// <summary>The rate-limit window (default 60 seconds).</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Send the <c>X-AircallApi-*</c> headers at all (default <c>true</c>). Set <c>false</c> to reproduce a 429 that says
    /// nothing about when the budget resets.
    /// </summary>
    public bool SendRateLimitHeaders { get; set; } = true;

    /// <summary>Send the <c>X-AircallApi-*</c> headers on every response, not only on 429s (default <c>false</c>).</summary>
    public bool RateLimitHeadersOnEveryResponse { get; set; }

    /// <summary>Write <c>X-AircallApi-Reset</c> in epoch milliseconds instead of epoch seconds (default <c>false</c>).</summary>
    public bool RateLimitResetInMilliseconds { get; set; }

    /// <summary>Probability (0 to 1) that a request is answered 503 (seeded).</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Probability (0 to 1) that a request's connection is dropped without a response (seeded).</summary>
    public double DroppedConnectionRate { get; set; }

    /// <summary>Probability (0 to 1) that a response is held for <see cref="SlowResponseDelay"/> (seeded).</summary>
    public double SlowResponseRate { get; set; }

    /// <summary>Probability (0 to 1) that a 200 response carries malformed JSON (seeded).</summary>
    public double MalformedJsonRate { get; set; }

    /// <summary>How long slow responses are held, on the simulator's clock (default 2 seconds).</summary>
    public TimeSpan SlowResponseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The clock of the simulator: request times, rate-limit windows, webhook timestamps, delays. <c>null</c> (default)
    /// uses <see cref="TimeProvider.System"/>. Pass a <c>FakeTimeProvider</c> in tests.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>
    /// Speeds the clock up for demos (default 1): with 60, a 60-second rate-limit window passes in one real second. The
    /// simulator wraps its clock in a <see cref="ScaledTimeProvider"/> when this is not 1.
    /// </summary>
    public double TimeScale { get; set; } = 1;

    /// <summary>
    /// Creates the handler webhook deliveries are sent through (for example a TestServer's, to deliver in memory);
    /// <c>null</c> (default) uses a <see cref="System.Net.Http.SocketsHttpHandler"/>. The simulator disposes it.
    /// </summary>
    public Func<HttpMessageHandler>? WebhookDeliveryHandler { get; set; }

    /// <summary>
    /// How long the signed <c>recording</c> and <c>voicemail</c> links stay valid after they are issued, on the simulator's
    /// clock: their <c>X-Amz-Expires</c> (default 600 seconds, as in Aircall's real payloads; 1 second to 7 days, rounded
    /// up to whole seconds). Links are issued afresh every time a call is rendered. See <see cref="AircallSimulator.Media"/>.
    /// </summary>
    public TimeSpan RecordingLinkLifetime { get; set; } = TimeSpan.FromSeconds(600);

    /// <summary>How long a delivery may take before it counts as failed (default 5 seconds, as Aircall).</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per event and webhook, the first included (default 3).</summary>
    public int WebhookMaxAttempts { get; set; } = 3;

    /// <summary>The wait between attempts on the simulator's clock (default zero: retry at once).</summary>
    public TimeSpan WebhookRetryDelay { get; set; }

    /// <summary>Consecutive failed attempts after which a webhook is deactivated (<c>active: false</c>; default 10).</summary>
    public int WebhookDeactivateAfterFailures { get; set; } = 10;

    /// <summary>Probability (0 to 1) that an event is delivered twice (seeded).</summary>
    public double WebhookDuplicateRate { get; set; }

    /// <summary>Probability (0 to 1) that an event is swapped with the next one of the lifecycle (seeded).</summary>
    public double WebhookReorderRate { get; set; }

    /// <summary>
    /// Probability (0 to 1, default 0) that a call is sent with JSON types the docs do not promise and with fields the
    /// SDK's model does not have (<see cref="OddPayloadShapes"/>), in list and search pages, <c>GET /v1/calls/{id}</c>,
    /// the archive and unarchive responses, and webhook deliveries. Drawn from <see cref="Seed"/> and the call's id: a
    /// call has the same shapes in every response and delivery (<see cref="AircallSimulator.OddShapesOf"/> names them).
    /// Only the JSON changes: <see cref="SimulatedAccount.GetCall"/> and <see cref="SimulatedAccount.EnumerateCalls"/>
    /// keep the typed call, to compare what a store received with. With 1, every call is sent oddly.
    /// </summary>
    public double OddPayloadRate { get; set; }

    /// <summary>
    /// The shapes an odd call may be sent with (default <see cref="SimulatorOddShapes.All"/>); use
    /// <see cref="SimulatorOddShapes.Lossless"/> for payloads that read back exactly as the simulator's calls.
    /// </summary>
    public SimulatorOddShapes OddPayloadShapes { get; set; } = SimulatorOddShapes.All;
}
