using System.Text;
using System.Text.Json;
using Aircall.CallSync.Api;
using Aircall.CallSync.Benchmarks.Infrastructure;
using Aircall.CallSync.Serialization;
using BenchmarkDotNet.Attributes;
using Newtonsoft.Json.Linq;

namespace Aircall.CallSync.Benchmarks.Json;

/// <summary>
/// A 50-call page of <c>GET /v1/calls</c> as the simulator serves it, from UTF-8 bytes into calls: the SDK's
/// source-generated <c>CallList</c> against reflection-based System.Text.Json on the same models, Newtonsoft.Json into
/// POCOs, and JObject with <c>ToObject</c> per call (Newtonsoft including the decoding of the body into a string).
/// </summary>
[MemoryDiagnoser]
public class CallPageParseBenchmarks
{
    private byte[] _page = [];

    [GlobalSetup]
    public void Setup()
    {
        _page = Fixtures.CallPage(50);
        var counts = new[] { ((CallList)SourceGenerated()).Calls.Count, ((CallList)Tolerant()).Calls.Count, ((CallList)ReflectionStj()).Calls.Count, ((NewtonsoftModels.CallList)NewtonsoftPoco()).Calls!.Count, ((List<NewtonsoftModels.Call>)NewtonsoftJObject()).Count };
        if (counts.Any(c => c != 50))
        {
            throw new InvalidOperationException($"The parsers disagree on the page: {string.Join(", ", counts)}");
        }
    }

    [Benchmark(Baseline = true, Description = "Aircall.CallSync (source-generated STJ)")]
    public object SourceGenerated() => JsonSerializer.Deserialize(_page, AircallJsonContext.Default.CallList)!;

    [Benchmark(Description = "Aircall.CallSync, tolerant converters (what the SDK runs)")]
    public object Tolerant() => JsonSerializer.Deserialize(_page, TolerantJson.CallList)!;

    [Benchmark(Description = "System.Text.Json reflection, same models")]
    public object ReflectionStj() => JsonSerializer.Deserialize<CallList>(_page, ReflectionJson.Options)!;

    [Benchmark(Description = "Newtonsoft.Json POCO")]
    public object NewtonsoftPoco()
        => Newtonsoft.Json.JsonConvert.DeserializeObject<NewtonsoftModels.CallList>(Encoding.UTF8.GetString(_page), NewtonsoftModels.Settings)!;

    [Benchmark(Description = "Newtonsoft.Json JObject + ToObject")]
    public object NewtonsoftJObject()
    {
        var payload = JObject.Parse(Encoding.UTF8.GetString(_page));
        var calls = new List<NewtonsoftModels.Call>(50);
        foreach (var call in (JArray)payload["calls"]!)
        {
            calls.Add(call.ToObject<NewtonsoftModels.Call>(NewtonsoftModels.Serializer)!);
        }

        return calls;
    }
}
