using System.Globalization;
using Aircall.CallSync.Accounts;
using Aircall.CallSync.Benchmarks.Infrastructure;
using Aircall.CallSync.Webhooks;
using BenchmarkDotNet.Attributes;

namespace Aircall.CallSync.Benchmarks.Webhooks;

/// <summary>
/// Multi-tenant token resolution, one delivery: <see cref="StaticWebhookTokenResolver"/> (compares the received digest
/// with every configured token, in constant time) next to the account-store resolver of <c>AddPartnerAccounts</c>
/// (digest lookup in the store's index, then one constant-time comparison, status check and the throttled
/// LastWebhookAt touch), over an <see cref="InMemoryAircallAccountStore"/> of 100, 1,000 and 10,000 accounts. The token
/// received is the last account's.
/// </summary>
[MemoryDiagnoser]
public class AccountTokenBenchmarks
{
    private string _received = string.Empty;
    private StaticWebhookTokenResolver _static = null!;
    private AccountStoreWebhookTokenResolver _accounts = null!;

    /// <summary>How many accounts (tokens) the application serves.</summary>
    [Params(100, 1_000, 10_000)]
    public int Accounts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var store = new InMemoryAircallAccountStore();
        var tokens = new List<KeyValuePair<string, string?>>(Accounts);
        for (var i = 0; i < Accounts; i++)
        {
            var token = string.Create(CultureInfo.InvariantCulture, $"{i:D8}5f3113f7bebf210a49299a1b"); // webhook-token shaped; fake
            var accountId = (1_000_000 + i).ToString(CultureInfo.InvariantCulture);
            tokens.Add(new KeyValuePair<string, string?>(token, accountId));
            store.SaveAsync(new AircallAccount
            {
                AccountId = accountId,
                Status = AircallAccountStatus.Active,
                AccessToken = "fake-access-token-" + accountId,
                WebhookTokenDigest = WebhookTokenComparer.Digest(token),
            }, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        _received = new string(tokens[^1].Key.AsSpan());
        _static = new StaticWebhookTokenResolver(tokens);
        _accounts = new AccountStoreWebhookTokenResolver(store, TimeProvider.System, new WebhookActivityRecorder(store));
        if (Static()?.AccountId != tokens[^1].Value || AccountStore()?.AccountId != tokens[^1].Value)
        {
            throw new InvalidOperationException("A resolver did not find the last account.");
        }
    }

    [Benchmark(Baseline = true, Description = "StaticWebhookTokenResolver")]
    public WebhookTokenMatch? Static() => Synchronously.Result(_static.ResolveAsync(_received, CancellationToken.None));

    [Benchmark(Description = "account-store resolver (in-memory store)")]
    public WebhookTokenMatch? AccountStore() => Synchronously.Result(_accounts.ResolveAsync(_received, CancellationToken.None));
}
