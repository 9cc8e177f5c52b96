using System.Text;
using Aircall.CallSync.Accounts;
using Aircall.CallSync.Models;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Aircall.CallSync.Tests.Partners;

/// <summary>Uninstall (<c>integration.deleted</c>), revoked tokens (403), and webhook deliveries resolved to accounts.</summary>
public sealed class AccountLifecycleTests : IDisposable
{
    private const long Company = 777;
    private const string AccountId = "777";
    private readonly InstallFlowTests.RecordingScheduler _scheduler = new();
    private readonly ChainedConsumer _consumer = new();
    private readonly PartnerHarness _app;

    public AccountLifecycleTests() => _app = new PartnerHarness(services =>
    {
        services.AddSingleton<IAccountSyncScheduler>(_scheduler);
        services.AddSingleton<IWebhookEventConsumer>(_consumer);
    });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_call_event_with_the_accounts_webhook_token_is_stored_for_that_account_and_touches_LastWebhookAt()
    {
        await _app.InstallAsync(Company);
        await _app.InstallAsync(888);

        var result = await _app.Processor.ProcessAsync(CallEvent(_app.Aircall.WebhookToken(Company), callId: 42), Ct);

        result.Outcome.Should().Be(WebhookOutcome.Stored);
        result.AccountId.Should().Be(AccountId);
        _app.Calls.Find(AccountId, 42).Should().NotBeNull();
        _app.Calls.Find("888", 42).Should().BeNull();
        await _app.Services.GetRequiredService<WebhookActivityRecorder>().WhenFlushedAsync();
        (await _app.Accounts.FindAsync(AccountId, Ct))!.LastWebhookAt.Should().Be(_app.Time.GetUtcNow());
        (await _app.Accounts.FindAsync("888", Ct))!.LastWebhookAt.Should().BeNull();
    }

    [Fact]
    public async Task Unknown_and_padded_tokens_are_refused()
    {
        await _app.InstallAsync(Company);
        var token = _app.Aircall.WebhookToken(Company);

        (await _app.Processor.ProcessAsync(CallEvent("not-a-token", 1), Ct)).Outcome.Should().Be(WebhookOutcome.Unauthorized);
        (await _app.Processor.ProcessAsync(CallEvent(token + " ", 1), Ct)).Outcome.Should().Be(WebhookOutcome.Unauthorized);
        (await _app.Processor.ProcessAsync(CallEvent(token.ToUpperInvariant(), 1), Ct)).Outcome.Should().Be(WebhookOutcome.Unauthorized);
    }

    [Fact]
    public async Task Integration_deleted_uninstalls_the_account_forgets_its_secrets_stops_its_sync_and_keeps_its_calls()
    {
        await _app.InstallAsync(Company);
        var token = _app.Aircall.WebhookToken(Company);
        await _app.Processor.ProcessAsync(CallEvent(token, callId: 42), Ct);

        var result = await _app.Processor.ProcessAsync(Uninstall(token, Company), Ct);

        result.Outcome.Should().Be(WebhookOutcome.Handled);
        var account = (await _app.Accounts.FindAsync(AccountId, Ct))!;
        account.Status.Should().Be(AircallAccountStatus.Uninstalled);
        account.AccessToken.Should().BeNull();
        account.WebhookId.Should().BeNull();
        account.WebhookTokenDigest.Should().BeNull();
        _scheduler.Stopped.Should().Equal(AccountId);
        _app.Calls.Find(AccountId, 42).Should().NotBeNull("stored calls stay");
        _consumer.Events.Should().Equal("integration.deleted");
        (await _app.Processor.ProcessAsync(CallEvent(token, callId: 43), Ct)).Outcome.Should().Be(WebhookOutcome.Unauthorized, "the token is forgotten");
        var act = () => _app.Services.GetRequiredService<IAircallClientFactory>().CreateClient(AccountId).Ping.PingAsync(Ct);
        (await act.Should().ThrowAsync<AircallAccountUnavailableException>()).Which.Status.Should().Be(AircallAccountStatus.Uninstalled);
    }

    [Fact]
    public async Task Integration_deleted_naming_another_company_does_not_uninstall()
    {
        await _app.InstallAsync(Company);
        await _app.InstallAsync(888);

        var result = await _app.Processor.ProcessAsync(Uninstall(_app.Aircall.WebhookToken(Company), company: 888), Ct);

        result.Outcome.Should().Be(WebhookOutcome.Handled);
        (await _app.Accounts.FindAsync(AccountId, Ct))!.Status.Should().Be(AircallAccountStatus.Active);
        (await _app.Accounts.FindAsync("888", Ct))!.Status.Should().Be(AircallAccountStatus.Active);
        _app.AllLogs.Should().Contain("ignored");
    }

    [Fact]
    public async Task Integration_deleted_with_an_unknown_token_changes_nothing()
    {
        await _app.InstallAsync(Company);

        var result = await _app.Processor.ProcessAsync(Uninstall("forged-token", Company), Ct);

        result.Outcome.Should().Be(WebhookOutcome.Unauthorized);
        (await _app.Accounts.FindAsync(AccountId, Ct))!.Status.Should().Be(AircallAccountStatus.Active);
    }

    [Fact]
    public async Task Other_non_call_events_still_reach_the_applications_consumer()
    {
        await _app.InstallAsync(Company);
        var body = Encoding.UTF8.GetBytes($$$"""{"resource":"user","event":"user.created","timestamp":1772366400,"token":"{{{_app.Aircall.WebhookToken(Company)}}}","data":{"id":5}}""");

        var result = await _app.Processor.ProcessAsync(body, Ct);

        result.Outcome.Should().Be(WebhookOutcome.Handled);
        _consumer.Events.Should().Equal("user.created");
        _consumer.Accounts.Should().Equal(AccountId);
    }

    [Fact]
    public async Task Deliveries_for_accounts_that_need_a_reinstall_are_refused()
    {
        await _app.InstallAsync(Company);
        var account = (await _app.Accounts.FindAsync(AccountId, Ct))!;
        account.Status = AircallAccountStatus.NeedsReinstall;
        await _app.Accounts.SaveAsync(account, Ct);

        (await _app.Processor.ProcessAsync(CallEvent(_app.Aircall.WebhookToken(Company), 1), Ct)).Outcome.Should().Be(WebhookOutcome.Unauthorized);
    }

    [Fact]
    public async Task A_403_marks_the_account_NeedsReinstall_and_later_requests_are_refused_without_calling_Aircall()
    {
        await _app.InstallAsync(Company);
        _app.Aircall.Revoke(Company);
        var client = _app.Services.GetRequiredService<IAircallClientFactory>().CreateClient(AccountId);

        var first = () => client.Integrations.GetCurrentAsync(Ct);
        await first.Should().ThrowAsync<AircallAuthenticationException>();
        var requests = _app.Aircall.TotalRequests;
        var second = () => client.Integrations.GetCurrentAsync(Ct);

        (await second.Should().ThrowAsync<AircallAccountUnavailableException>()).Which.Message.Should().Contain("install");
        _app.Aircall.TotalRequests.Should().Be(requests, "a revoked account costs no more requests");
        var account = (await _app.Accounts.FindAsync(AccountId, Ct))!;
        account.Status.Should().Be(AircallAccountStatus.NeedsReinstall);
        account.LastError.Should().Contain("403").And.Contain("install the app again");
        account.LastErrorAt.Should().Be(_app.Time.GetUtcNow());
        _scheduler.Stopped.Should().Equal(AccountId);
    }

    [Fact]
    public async Task A_403_for_an_old_token_does_not_demote_an_account_installed_again_since()
    {
        await _app.InstallAsync(Company);
        var oldToken = _app.Aircall.IssuedTokens.Single();
        var stale = _app.Services.GetRequiredService<IAircallClientFactory>().CreateClient(AircallCredentials.Bearer(oldToken).WithAccountId(AccountId));
        _app.Aircall.Revoke(Company);
        await _app.InstallAsync(Company);

        var lifecycle = _app.Services.GetRequiredService<AccountLifecycle>();
        var changed = await lifecycle.MarkRevokedAsync(AccountId, AircallCredentials.Bearer(oldToken).WithAccountId(AccountId), 403, Ct);

        changed.Should().BeFalse();
        (await _app.Accounts.FindAsync(AccountId, Ct))!.Status.Should().Be(AircallAccountStatus.Active);
        stale.Should().NotBeNull();
    }

    [Fact]
    public async Task The_credential_provider_hands_out_the_stored_token_tagged_with_the_account()
    {
        await _app.InstallAsync(Company);
        var provider = _app.Services.GetRequiredService<IAircallCredentialProvider>();

        var credentials = await provider.GetCredentialsAsync(AccountId, Ct);

        credentials.Should().Be(AircallCredentials.Bearer(_app.Aircall.IssuedTokens.Single()).WithAccountId(AccountId));
        var unknown = () => provider.GetCredentialsAsync("nobody", Ct).AsTask();
        await unknown.Should().ThrowAsync<KeyNotFoundException>();
    }

    public void Dispose() => _app.Dispose();

    internal static byte[] CallEvent(string token, long callId)
        => Encoding.UTF8.GetBytes($$$"""{"resource":"call","event":"call.ended","timestamp":1772366000,"token":"{{{token}}}","data":{"id":{{{callId}}},"status":"done","started_at":1772365000}}""");

    internal static byte[] Uninstall(string token, long company)
        => Encoding.UTF8.GetBytes($$$$"""{"resource":"integration","event":"integration.deleted","timestamp":1772366400,"token":"{{{{token}}}}","data":{"integration_id":31,"company_id":{{{{company}}}}}}""");

    private sealed class ChainedConsumer : IWebhookEventConsumer
    {
        public List<string> Events { get; } = [];

        public List<string?> Accounts { get; } = [];

        public ValueTask HandleAsync(AircallWebhookEvent webhookEvent, CancellationToken cancellationToken)
        {
            Events.Add(webhookEvent.Event);
            Accounts.Add(webhookEvent.AccountId);
            return ValueTask.CompletedTask;
        }
    }
}
