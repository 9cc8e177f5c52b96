using System.Text.Json;
using Aircall.CallSync.Benchmarks.Infrastructure;
using Aircall.CallSync.Models;
using Aircall.CallSync.Serialization;
using Aircall.CallSync.Webhooks;
using BenchmarkDotNet.Attributes;

namespace Aircall.CallSync.Benchmarks.Json;

/// <summary>
/// Where the webhook parse of <see cref="WebhookParseBenchmarks"/> spends its time: the envelope pass alone (strings and
/// a skip over <c>data</c>), then <c>data</c> into a <see cref="Call"/> source-generated (strict, and with the tolerant
/// converters the SDK reads every call with) and reflection-based.
/// </summary>
[MemoryDiagnoser]
public class WebhookParsePartsBenchmarks
{
    private byte[] _body = [];
    private byte[] _data = [];

    [GlobalSetup]
    public void Setup()
    {
        _body = Fixtures.CallEnvelope("call-ended-outbound-780836699");
        if (!WebhookEnvelopeReader.TryRead(_body, out var envelope, out var error))
        {
            throw new InvalidOperationException(error);
        }

        _data = envelope.Data.ToArray();
    }

    [Benchmark(Description = "envelope pass (WebhookEnvelopeReader)")]
    public string? Envelope()
        => WebhookEnvelopeReader.TryRead(_body, out var envelope, out _) ? envelope.Token : null;

    [Benchmark(Baseline = true, Description = "data into Call, source-generated")]
    public Call DataSourceGenerated() => JsonSerializer.Deserialize(_data, AircallJsonContext.Default.Call)!;

    [Benchmark(Description = "data into Call, source-generated + tolerant converters (what the SDK runs)")]
    public Call DataTolerant() => JsonSerializer.Deserialize(_data, TolerantJson.Call)!;

    [Benchmark(Description = "data into Call, reflection")]
    public Call DataReflection() => JsonSerializer.Deserialize<Call>(_data, ReflectionJson.Options)!;
}
