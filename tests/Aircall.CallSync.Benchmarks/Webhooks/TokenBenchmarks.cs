using Aircall.CallSync.Benchmarks.Infrastructure;
using Aircall.CallSync.Webhooks;
using BenchmarkDotNet.Attributes;

namespace Aircall.CallSync.Benchmarks.Webhooks;

/// <summary>
/// The token check of one delivery: the SDK's constant-time comparison (SHA-256 of the received token, fixed-time
/// compare against a stored digest) and the resolver the endpoint uses, with one token and with 100 (one per tenant),
/// against the naive <c>==</c> most handlers write, which leaks through timing how many leading characters were right.
/// </summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private const string Expected = "58ffd2bc5f3113f7bebf210a49299a1b"; // the shape of a real webhook token; fake
    private string _received = string.Empty;
    private byte[] _digest = [];
    private StaticWebhookTokenResolver _one = null!;
    private StaticWebhookTokenResolver _hundred = null!;

    [GlobalSetup]
    public void Setup()
    {
        _received = new string(Expected.AsSpan()); // a different instance, as a parsed body gives
        _digest = WebhookTokenComparer.Digest(Expected);
        _one = new StaticWebhookTokenResolver([Expected]);
        var tenants = Enumerable.Range(0, 99).Select(i => new KeyValuePair<string, string?>($"tenant-token-{i:D4}-00000000000000000", $"account-{i}")).ToList();
        tenants.Add(new KeyValuePair<string, string?>(Expected, "account-99"));
        _hundred = new StaticWebhookTokenResolver(tenants);
        if (!Naive() || !ComparerWithDigest() || !ComparerTwoStrings() || Resolver1() is null || Resolver100() is null)
        {
            throw new InvalidOperationException("A token check failed to match.");
        }
    }

    [Benchmark(Baseline = true, Description = "naive == (not constant time)")]
    public bool Naive() => _received == Expected;

    [Benchmark(Description = "WebhookTokenComparer.Matches(token, digest)")]
    public bool ComparerWithDigest() => WebhookTokenComparer.Matches(_received, _digest);

    [Benchmark(Description = "WebhookTokenComparer.Matches(token, token)")]
    public bool ComparerTwoStrings() => WebhookTokenComparer.Matches(_received, Expected);

    [Benchmark(Description = "StaticWebhookTokenResolver, 1 token")]
    public WebhookTokenMatch? Resolver1() => Synchronously.Result(_one.ResolveAsync(_received, CancellationToken.None));

    [Benchmark(Description = "StaticWebhookTokenResolver, 100 tokens")]
    public WebhookTokenMatch? Resolver100() => Synchronously.Result(_hundred.ResolveAsync(_received, CancellationToken.None));
}
