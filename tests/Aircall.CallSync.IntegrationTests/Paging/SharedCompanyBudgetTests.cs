using Aircall.CallSync.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aircall.CallSync.IntegrationTests.Paging;

/// <summary>
/// Aircall limits requests per company, whatever credentials reach it (issue 11, item 11): clients whose credentials
/// carry the same account id share one budget, Basic and Bearer alike, and so do clients of
/// <c>CreateClient(accountId)</c> with that id. Through the real pipeline, in virtual time.
/// </summary>
public sealed class SharedCompanyBudgetTests
{
    [Theory]
    [InlineData("basic and bearer credentials")]
    [InlineData("credentials and CreateClient(accountId)")]
    public async Task Two_clients_of_one_company_share_its_budget_and_draw_no_429(string clients)
    {
        await using var harness = SyncHarness.Create(
            sim => sim.CallCount = 3_000,
            services: builder => builder.AddCredentialProvider<BearerProvider>());
        var basic = harness.Factory.CreateClient(AircallCredentials.Basic("sim-api-id", "sim-api-token").WithAccountId("acme"));
        var other = clients == "basic and bearer credentials"
            ? harness.Factory.CreateClient(AircallCredentials.Bearer("sim-access-token").WithAccountId("acme"))
            : harness.Factory.CreateClient("acme");

        var results = await harness.RunAsync(() => Task.WhenAll(
            SyncHarness.CollectIdsAsync(basic.GetCallsAsync()), SyncHarness.CollectIdsAsync(other.GetCallsAsync())));

        results.Should().AllSatisfy(ids => ids.Should().Equal(harness.AllIds()));
        harness.Simulator.RateLimitedCount.Should().Be(0, "both clients spent one budget, the company's");
        harness.Simulator.MaxRequestsInWindow().Should().BeLessThanOrEqualTo(60);
        basic.AccountKey.Should().Be(other.AccountKey).And.Be("account:acme");
        basic.RateLimit.Should().Be(other.RateLimit, "one limiter, one set of figures");
    }

    private sealed class BearerProvider : IAircallCredentialProvider
    {
        public ValueTask<AircallCredentials> GetCredentialsAsync(string accountId, CancellationToken cancellationToken)
            => ValueTask.FromResult(AircallCredentials.Bearer("sim-access-token"));
    }
}
