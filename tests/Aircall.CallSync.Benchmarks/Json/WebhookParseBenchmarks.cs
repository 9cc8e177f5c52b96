using System.Text;
using System.Text.Json;
using Aircall.CallSync.Benchmarks.Infrastructure;
using Aircall.CallSync.Models;
using Aircall.CallSync.Serialization;
using Aircall.CallSync.Webhooks;
using BenchmarkDotNet.Attributes;
using Newtonsoft.Json.Linq;

namespace Aircall.CallSync.Benchmarks.Json;

/// <summary>
/// One real webhook delivery (UTF-8 bytes, as they arrive) into a call. Ours is what <c>AircallWebhookProcessor</c> runs:
/// the one-pass envelope reader, then the source-generated <c>Call</c> straight from the body's <c>data</c> bytes. The
/// others are what an integration otherwise writes: reflection-based System.Text.Json on the same models, Newtonsoft.Json
/// into a POCO, and Newtonsoft.Json's JObject. Newtonsoft reads strings, so its figures include decoding the body, as
/// reading the request body into a string does.
/// </summary>
[MemoryDiagnoser]
public class WebhookParseBenchmarks
{
    private byte[] _body = [];

    /// <summary>call.ended is the common, mid-sized delivery (2 KB); call.commented carries comments, tags and transfers (3.7 KB).</summary>
    [Params("call-ended-outbound-780836699", "call-commented-inbound-780883160")]
    public string Fixture { get; set; } = "call-ended-outbound-780836699";

    [GlobalSetup]
    public void Setup()
    {
        _body = Fixtures.CallEnvelope(Fixture);

        // Every path must read the same call, or the comparison means nothing.
        var ids = new[] { SourceGenerated().Id, ReflectionStj().Id, ((NewtonsoftModels.Call)NewtonsoftPoco()).Id, ((NewtonsoftModels.Call)NewtonsoftJObject()).Id };
        if (ids.Distinct().Count() != 1 || ids[0] <= 0)
        {
            throw new InvalidOperationException($"The parsers disagree on {Fixture}: {string.Join(", ", ids)}");
        }
    }

    [Benchmark(Baseline = true, Description = "Aircall.CallSync (envelope reader + source-generated STJ)")]
    public Call SourceGenerated()
    {
        if (!WebhookEnvelopeReader.TryRead(_body, out var envelope, out var error))
        {
            throw new InvalidOperationException(error);
        }

        return JsonSerializer.Deserialize(envelope.Data.Span, AircallJsonContext.Default.Call)!;
    }

    [Benchmark(Description = "System.Text.Json reflection, same models")]
    public Call ReflectionStj()
        => JsonSerializer.Deserialize<ReflectionJson.Webhook>(_body, ReflectionJson.Options)!.Data!;

    [Benchmark(Description = "Newtonsoft.Json POCO")]
    public object NewtonsoftPoco()
        => Newtonsoft.Json.JsonConvert.DeserializeObject<NewtonsoftModels.Webhook>(Encoding.UTF8.GetString(_body), NewtonsoftModels.Settings)!.Data!;

    [Benchmark(Description = "Newtonsoft.Json JObject + ToObject")]
    public object NewtonsoftJObject()
    {
        var payload = JObject.Parse(Encoding.UTF8.GetString(_body));
        return payload["data"]!.ToObject<NewtonsoftModels.Call>(NewtonsoftModels.Serializer)!;
    }
}
