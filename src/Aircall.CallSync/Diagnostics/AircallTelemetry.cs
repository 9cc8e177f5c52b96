using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Aircall.CallSync.Diagnostics;

/// <summary>The SDK's instruments. Tags carry endpoint templates and outcomes only.</summary>
internal static class AircallTelemetry
{
    internal static readonly ActivitySource ActivitySource = new(AircallDiagnostics.ActivitySourceName, PackageInfo.Version);

    internal static readonly Meter Meter = new(AircallDiagnostics.MeterName, PackageInfo.Version);

    /// <summary>Requests sent to Aircall (each attempt), by <c>endpoint</c>, <c>method</c> and <c>status</c>.</summary>
    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>("aircall.callsync.requests", "{request}", "HTTP requests sent to Aircall, each attempt counted.");

    /// <summary>Request duration in seconds, by <c>endpoint</c>, <c>method</c> and <c>status</c>.</summary>
    internal static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>("aircall.callsync.request.duration", "s", "Duration of HTTP requests to Aircall.");

    /// <summary>429 answers received.</summary>
    internal static readonly Counter<long> RateLimited = Meter.CreateCounter<long>("aircall.callsync.rate_limited", "{response}", "429 Too Many Requests answers received from Aircall.");

    /// <summary>Retries scheduled by the resilience pipeline, by <c>reason</c>.</summary>
    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>("aircall.callsync.retries", "{retry}", "Retries of requests to Aircall.");

    /// <summary>Time spent waiting for the rate limiter, in seconds.</summary>
    internal static readonly Histogram<double> RateLimitWait = Meter.CreateHistogram<double>("aircall.callsync.rate_limit.wait", "s", "Time requests waited for the client-side rate limiter.");

    /// <summary>Calls returned by enumerations (after de-duplication).</summary>
    internal static readonly Counter<long> CallsListed = Meter.CreateCounter<long>("aircall.callsync.calls.listed", "{call}", "Calls returned by call enumerations.");

    /// <summary>Calls written to the store by batch sync.</summary>
    internal static readonly Counter<long> CallsSynced = Meter.CreateCounter<long>("aircall.callsync.calls.synced", "{call}", "Calls written to the call store by batch sync.");

    /// <summary>
    /// Versions from Aircall's clock that were out of the tolerated skew and replaced by the local clock, by <c>source</c>
    /// (<c>batch</c>: a response's <c>Date</c>; <c>webhook</c>: an envelope's <c>timestamp</c>).
    /// </summary>
    internal static readonly Counter<long> UntrustedVersions = Meter.CreateCounter<long>("aircall.callsync.versions.untrusted", "{version}", "Snapshot versions from Aircall's clock that were out of the tolerated skew and replaced by the local clock.");

    /// <summary>
    /// Fields of Aircall payloads whose value had a JSON type the field cannot take and became <c>null</c>, by
    /// <c>field</c> (the model's name for it, such as <c>call.archived</c>; never the value).
    /// </summary>
    internal static readonly Counter<long> UnreadableFields = Meter.CreateCounter<long>("aircall.callsync.fields.unreadable", "{field}", "Payload fields whose JSON type the SDK could not read; the field became null, the rest of the object was kept.");

    /// <summary>Webhook deliveries processed, by <c>event</c> and <c>outcome</c>.</summary>
    internal static readonly Counter<long> WebhookEvents = Meter.CreateCounter<long>("aircall.callsync.webhook.events", "{event}", "Webhook deliveries processed, by outcome.");

    /// <summary>Recording archive attempts, by <c>outcome</c> (<c>archived</c>, <c>no_audio</c>, <c>retry</c>, <c>failed</c>).</summary>
    internal static readonly Counter<long> RecordingJobs = Meter.CreateCounter<long>("aircall.callsync.recordings.attempts", "{attempt}", "Recording and voicemail archive attempts, by outcome.");

    /// <summary>Bytes of recordings and voicemails archived.</summary>
    internal static readonly Counter<long> RecordingBytes = Meter.CreateCounter<long>("aircall.callsync.recordings.bytes", "By", "Bytes of recordings and voicemails archived.");
}
