using RichardSzalay.MockHttp;
using Aircall.CallSync.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Aircall.CallSync.Tests.Partners;

/// <summary>The default scheduler: the first backfill runs in the background and records its outcome; a 403 stops it.</summary>
public sealed class AccountSyncSchedulerTests : IDisposable
{
    private const long Company = 31337;
    private const string AccountId = "31337";
    private readonly PartnerHarness _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_install_backfills_the_accounts_calls_and_records_the_sync()
    {
        _app.Aircall.Calls[Company] = [101, 102, 103];
        _app.Aircall.Calls[999] = [900];

        await _app.InstallAsync(Company);
        await _app.SyncIdleAsync(AccountId);

        foreach (var id in new long[] { 101, 102, 103 })
        {
            _app.Calls.Find(AccountId, id).Should().NotBeNull();
        }

        _app.Calls.Find(AccountId, 900).Should().BeNull();
        var account = (await _app.Accounts.FindAsync(AccountId, Ct))!;
        account.LastSyncAt.Should().Be(_app.Time.GetUtcNow());
        account.CallsSynced.Should().Be(3);
        account.LastError.Should().BeNull();
    }

    [Fact]
    public async Task A_revoked_token_during_the_backfill_marks_the_account_and_is_not_retried()
    {
        using var app = new PartnerHarness(backfill: false);
        app.Aircall.Calls[Company] = [1];
        await app.InstallAsync(Company);
        app.Aircall.Revoke(Company);
        var scheduler = app.Services.GetRequiredService<IAccountSyncScheduler>();

        await scheduler.ScheduleBackfillAsync(AccountId, Ct);
        await app.SyncIdleAsync(AccountId);
        await scheduler.ScheduleBackfillAsync(AccountId, Ct);
        await app.SyncIdleAsync(AccountId);
        await scheduler.ScheduleBackfillAsync(AccountId, Ct);
        await app.SyncIdleAsync(AccountId);

        app.Aircall.Requests("GET /v1/calls").Should().Be(1, "one 403, then the account is refused locally");
        var account = (await app.Accounts.FindAsync(AccountId, Ct))!;
        account.Status.Should().Be(AircallAccountStatus.NeedsReinstall);
        account.LastError.Should().Contain("403");
        account.LastSyncAt.Should().BeNull();
    }

    [Fact]
    public async Task A_failing_sync_records_the_error_for_people_to_read()
    {
        using var app = new PartnerHarness(backfill: false);
        await app.InstallAsync(Company);
        app.Http.Clear();
        app.Http.When(HttpMethod.Get, PartnerHarness.BaseUrl + "v1/calls").Respond(System.Net.HttpStatusCode.InternalServerError, "application/json", """{"error":"Internal Server Error"}""");

        await app.Services.GetRequiredService<IAccountSyncScheduler>().ScheduleBackfillAsync(AccountId, Ct);
        await app.SyncIdleAsync(AccountId);

        var account = (await app.Accounts.FindAsync(AccountId, Ct))!;
        account.Status.Should().Be(AircallAccountStatus.Active, "a server error is not a revoked token");
        account.LastError.Should().StartWith("Sync failed: ").And.Contain("500");
        account.LastErrorAt.Should().Be(app.Time.GetUtcNow());
        foreach (var token in app.Aircall.IssuedTokens)
        {
            account.LastError.Should().NotContain(token);
        }
    }

    public void Dispose() => _app.Dispose();
}
