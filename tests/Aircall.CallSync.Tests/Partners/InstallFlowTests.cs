using System.Security.Cryptography;
using System.Text;
using Aircall.CallSync.Accounts;
using Aircall.CallSync.OAuth;
using Microsoft.Extensions.DependencyInjection;

namespace Aircall.CallSync.Tests.Partners;

public sealed class InstallFlowTests : IDisposable
{
    private const long Company = 5_550_123;
    private readonly RecordingScheduler _scheduler = new();
    private readonly PartnerHarness _app;

    public InstallFlowTests() => _app = new PartnerHarness(services => services.AddSingleton<IAccountSyncScheduler>(_scheduler));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_install_saves_the_account_ensures_its_webhook_and_schedules_the_backfill()
    {
        var result = await _app.InstallAsync(Company);

        result.Outcome.Should().Be(AircallInstallOutcome.Installed);
        result.StatusCode.Should().Be(302);
        result.RedirectUri.Should().Be(PartnerHarness.SuccessUri);
        result.AccountId.Should().Be("5550123");
        var account = (await _app.Accounts.FindAsync("5550123", Ct))!;
        account.Status.Should().Be(AircallAccountStatus.Active);
        account.CompanyId.Should().Be(Company);
        account.Name.Should().Be("Partner app");
        account.AccessToken.Should().Be(_app.Aircall.IssuedTokens.Single());
        account.InstalledAt.Should().Be(_app.Time.GetUtcNow());
        account.LastError.Should().BeNull();
        account.WebhookId.Should().NotBeNullOrEmpty();
        account.WebhookTokenDigest.Should().Equal(SHA256.HashData(Encoding.UTF8.GetBytes(_app.Aircall.WebhookToken(Company))));
        _app.Aircall.WebhookCount(Company).Should().Be(1);
        _scheduler.Scheduled.Should().Equal("5550123");
    }

    [Fact]
    public async Task The_webhook_subscribes_to_call_events_and_integration_deleted_at_the_configured_url()
    {
        await _app.InstallAsync(Company);

        var account = (await _app.Accounts.FindAsync("5550123", Ct))!;
        var webhook = (await _app.Services.GetRequiredService<IAircallClientFactory>().CreateClient("5550123").Webhooks.GetAsync(account.WebhookId!, Ct)).Webhook!;
        webhook.Url.Should().Be(PartnerHarness.WebhookUrl.AbsoluteUri);
        webhook.Events.Should().Contain("integration.deleted").And.Contain("call.ended").And.HaveCount(20);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("forged-state-value-that-was-never-issued-xx")]
    public async Task A_missing_or_forged_state_is_400_and_changes_nothing(string? state)
    {
        var code = _app.Aircall.IssueCode(Company);

        var result = await _app.Flow.CompleteAsync(code, state, null, Ct);

        result.Outcome.Should().Be(AircallInstallOutcome.InvalidState);
        result.StatusCode.Should().Be(400);
        _app.Accounts.Count.Should().Be(0);
        _app.Aircall.TotalRequests.Should().Be(0, "the code is not even exchanged");
        _scheduler.Scheduled.Should().BeEmpty();
    }

    [Fact]
    public async Task An_expired_state_is_400_and_changes_nothing()
    {
        var (code, state) = await _app.ConsentAsync(Company);
        _app.Time.Advance(TimeSpan.FromMinutes(11));

        var result = await _app.Flow.CompleteAsync(code, state, null, Ct);

        result.Outcome.Should().Be(AircallInstallOutcome.InvalidState);
        _app.Accounts.Count.Should().Be(0);
        _app.Aircall.TotalRequests.Should().Be(0);
    }

    [Fact]
    public async Task A_replayed_callback_is_400_and_changes_nothing()
    {
        var (code, state) = await _app.ConsentAsync(Company);
        (await _app.Flow.CompleteAsync(code, state, null, Ct)).IsSuccess.Should().BeTrue();
        var before = (await _app.Accounts.FindAsync("5550123", Ct))!;
        var requests = _app.Aircall.TotalRequests;

        var replay = await _app.Flow.CompleteAsync(code, state, null, Ct);

        replay.Outcome.Should().Be(AircallInstallOutcome.InvalidState);
        replay.StatusCode.Should().Be(400);
        _app.Aircall.TotalRequests.Should().Be(requests);
        (await _app.Accounts.FindAsync("5550123", Ct)).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task A_replayed_code_with_a_fresh_state_is_400_InvalidCode_and_changes_nothing()
    {
        var (code, state) = await _app.ConsentAsync(Company);
        await _app.Flow.CompleteAsync(code, state, null, Ct);
        var before = (await _app.Accounts.FindAsync("5550123", Ct))!;
        var fresh = await _app.Flow.BeginAsync(Ct);

        var replay = await _app.Flow.CompleteAsync(code, fresh.State, null, Ct);

        replay.Outcome.Should().Be(AircallInstallOutcome.InvalidCode);
        replay.StatusCode.Should().Be(400);
        replay.OAuthError.Should().Be(AircallOAuthErrorReason.InvalidCode);
        (await _app.Accounts.FindAsync("5550123", Ct)).Should().BeEquivalentTo(before);
        _app.Aircall.WebhookCount(Company).Should().Be(1);
    }

    [Fact]
    public async Task Declined_consent_is_400_and_nothing_is_requested()
    {
        var request = await _app.Flow.BeginAsync(Ct);

        var result = await _app.Flow.CompleteAsync(null, request.State, "access_denied", Ct);

        result.Outcome.Should().Be(AircallInstallOutcome.AccessDenied);
        result.StatusCode.Should().Be(400);
        result.OAuthError.Should().Be(AircallOAuthErrorReason.AccessDenied);
        _app.Aircall.TotalRequests.Should().Be(0);
        _app.Accounts.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_callback_without_a_code_is_400()
    {
        var request = await _app.Flow.BeginAsync(Ct);

        var result = await _app.Flow.CompleteAsync(null, request.State, null, Ct);

        result.Outcome.Should().Be(AircallInstallOutcome.InvalidCode);
        _app.Accounts.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_wrong_secret_is_a_500_that_names_the_setting_and_saves_nothing()
    {
        using var app = new PartnerHarness(services => services.AddSingleton<IAccountSyncScheduler>(_scheduler), oauth: o => o.ClientSecret = "not-the-SECRET");

        var result = await app.InstallAsync(Company);

        result.Outcome.Should().Be(AircallInstallOutcome.Misconfigured);
        result.StatusCode.Should().Be(500);
        result.OAuthError.Should().Be(AircallOAuthErrorReason.InvalidClient);
        result.Message.Should().Contain("Aircall:OAuth:ClientSecret").And.NotContain("not-the-SECRET");
        app.Accounts.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_wrong_redirect_uri_is_a_500_RedirectUriMismatch()
    {
        var request = await _app.Flow.BeginAsync(Ct);
        var code = _app.Aircall.IssueCode(Company, redirectUri: "https://partner.test/elsewhere");

        var result = await _app.Flow.CompleteAsync(code, request.State, null, Ct);

        result.Outcome.Should().Be(AircallInstallOutcome.Misconfigured);
        result.OAuthError.Should().Be(AircallOAuthErrorReason.RedirectUriMismatch);
        _app.Accounts.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_failed_webhook_creation_leaves_the_account_Installing_with_its_error_and_a_retry_creates_one_webhook()
    {
        _app.Aircall.FailWebhookCreates = 1;

        var first = await _app.InstallAsync(Company);

        first.Outcome.Should().Be(AircallInstallOutcome.Incomplete);
        first.StatusCode.Should().Be(502);
        first.AccountId.Should().Be("5550123");
        var halfway = (await _app.Accounts.FindAsync("5550123", Ct))!;
        halfway.Status.Should().Be(AircallAccountStatus.Installing);
        halfway.AccessToken.Should().NotBeNull();
        halfway.LastError.Should().Contain("webhook").And.Contain("Install again");
        halfway.LastErrorAt.Should().Be(_app.Time.GetUtcNow());
        _scheduler.Scheduled.Should().BeEmpty();

        var retried = await _app.InstallAsync(Company);
        var again = await _app.InstallAsync(Company);

        retried.Outcome.Should().Be(AircallInstallOutcome.Installed);
        again.Outcome.Should().Be(AircallInstallOutcome.Installed);
        _app.Aircall.WebhookCount(Company).Should().Be(1, "a retried install finds the webhook by its URL");
        _app.Aircall.Requests("POST /v1/webhooks").Should().Be(2, "one failed creation, one successful");
        var account = (await _app.Accounts.FindAsync("5550123", Ct))!;
        account.Status.Should().Be(AircallAccountStatus.Active);
        account.LastError.Should().BeNull();
        account.AccessToken.Should().Be(_app.Aircall.LastIssuedToken, "the newest token is kept");
        account.WebhookTokenDigest.Should().Equal(SHA256.HashData(Encoding.UTF8.GetBytes(_app.Aircall.WebhookToken(Company))));
        _app.Accounts.Count.Should().Be(1);
    }

    [Fact]
    public async Task ResumeAsync_finishes_a_half_done_install_with_the_stored_token()
    {
        _app.Aircall.FailWebhookCreates = 1;
        await _app.InstallAsync(Company);

        var resumed = await _app.Flow.ResumeAsync("5550123", Ct);

        resumed.Outcome.Should().Be(AircallInstallOutcome.Installed);
        _app.Aircall.Requests("POST /v1/oauth/token").Should().Be(1, "no new code is needed");
        (await _app.Accounts.FindAsync("5550123", Ct))!.Status.Should().Be(AircallAccountStatus.Active);
        _app.Aircall.WebhookCount(Company).Should().Be(1);
        _scheduler.Scheduled.Should().Equal("5550123");
    }

    [Fact]
    public async Task ResumeAsync_refuses_unknown_and_revoked_accounts()
    {
        var unknown = () => _app.Flow.ResumeAsync("404", Ct).AsTask();
        await unknown.Should().ThrowAsync<KeyNotFoundException>();

        await _app.Accounts.SaveAsync(new AircallAccount { AccountId = "9", Status = AircallAccountStatus.NeedsReinstall }, Ct);
        var revoked = () => _app.Flow.ResumeAsync("9", Ct).AsTask();
        (await revoked.Should().ThrowAsync<AircallAccountUnavailableException>()).Which.Status.Should().Be(AircallAccountStatus.NeedsReinstall);
    }

    [Fact]
    public async Task Reinstalling_after_an_uninstall_keeps_the_account_id_and_gets_a_new_webhook()
    {
        await _app.InstallAsync(Company);
        var lifecycle = _app.Services.GetRequiredService<AccountLifecycle>();
        await lifecycle.UninstallAsync("5550123", Ct);
        _app.Time.Advance(TimeSpan.FromDays(1));

        var result = await _app.InstallAsync(Company);

        result.Outcome.Should().Be(AircallInstallOutcome.Installed);
        var account = (await _app.Accounts.FindAsync("5550123", Ct))!;
        account.Status.Should().Be(AircallAccountStatus.Active);
        account.InstalledAt.Should().Be(_app.Time.GetUtcNow());
        account.WebhookTokenDigest.Should().NotBeNull();
    }

    [Fact]
    public async Task The_install_logs_its_outcome_without_codes_states_or_tokens()
    {
        _app.Aircall.FailWebhookCreates = 1;
        var (code1, state1) = await _app.ConsentAsync(Company);
        await _app.Flow.CompleteAsync(code1, state1, null, Ct);
        var (code2, state2) = await _app.ConsentAsync(Company);
        await _app.Flow.CompleteAsync(code2, state2, null, Ct);
        await _app.Flow.CompleteAsync(code2, state2, null, Ct);

        var logs = _app.AllLogs;
        logs.Should().Contain("Aircall account 5550123 installed").And.Contain("InvalidState");
        foreach (var secret in new[] { code1, code2, state1, state2, FakeAircallOAuth.ClientSecret, _app.Aircall.WebhookToken(Company) }.Concat(_app.Aircall.IssuedTokens))
        {
            logs.Should().NotContain(secret);
        }
    }

    public void Dispose() => _app.Dispose();

    internal sealed class RecordingScheduler : IAccountSyncScheduler
    {
        public List<string> Scheduled { get; } = [];

        public List<string> Stopped { get; } = [];

        public ValueTask ScheduleBackfillAsync(string accountId, CancellationToken cancellationToken)
        {
            lock (Scheduled)
            {
                Scheduled.Add(accountId);
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask StopAsync(string accountId, CancellationToken cancellationToken)
        {
            lock (Stopped)
            {
                Stopped.Add(accountId);
            }

            return ValueTask.CompletedTask;
        }
    }
}
