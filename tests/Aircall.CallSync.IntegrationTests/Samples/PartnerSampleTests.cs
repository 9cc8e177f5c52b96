namespace Aircall.CallSync.IntegrationTests.Samples;

/// <summary>
/// samples/Aircall.CallSync.Samples.Partner run as a process, without a browser: its command line, a missing OAuth
/// setting, and its demo into PostgreSQL. The install flow in a browser is in Browser/PartnerSampleBrowserTests.
/// </summary>
[Collection(SampleProcesses.Name)]
public sealed class PartnerSampleTests : IDisposable
{
    private const string Sample = "Aircall.CallSync.Samples.Partner";
    private readonly SampleDatabase _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task An_unknown_option_exits_2_with_the_usage_and_help_exits_0()
    {
        await using (var bogus = SampleProcess.Start(Sample, _directory.Directory, null, "--bogus"))
        {
            (await bogus.WaitForExitAsync()).Should().Be(2, bogus.Output);
            bogus.Stderr.Should().StartWith("error: unknown option --bogus.").And.Contain("Usage: dotnet run --project samples/" + Sample);
        }

        await using (var help = SampleProcess.Start(Sample, _directory.Directory, null, "--help"))
        {
            (await help.WaitForExitAsync()).Should().Be(0, help.Output);
            help.Stdout.Should().Contain("--demo").And.Contain("Exit codes: 0");
        }

        Directory.EnumerateFileSystemEntries(_directory.Directory).Should().BeEmpty("nothing ran");
    }

    [Fact]
    public async Task An_OAuth_client_without_its_secret_and_redirect_URI_exits_2_naming_each_setting()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Calls"] = _directory.ConnectionString,
            ["Aircall__OAuth__ClientId"] = "a-client-id",
            ["Aircall__Accounts__WebhookUrl"] = "https://example.invalid/aircall/webhook",
        };
        await using var sample = SampleProcess.Start(Sample, _directory.Directory, environment, "--urls", "http://127.0.0.1:0");

        (await sample.WaitForExitAsync()).Should().Be(2, sample.Output);
        sample.Stderr.Should().Contain("Aircall:OAuth:ClientSecret").And.Contain("Aircall:OAuth:RedirectUri");
        sample.Stdout.Should().NotContain("Demo mode").And.NotContain("Listening on");
    }

    [Fact]
    public async Task The_demo_installs_its_accounts_into_PostgreSQL_with_their_calls_and_webhooks()
    {
        await using var database = await SamplePostgresSchema.CreateAsync();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Calls"] = database.ConnectionString,
            ["Demo__Accounts"] = "5",
            ["Demo__Calls"] = "51",
            ["Demo__WebhookCalls"] = "1",
        };
        await using var sample = SampleProcess.Start(Sample, _directory.Directory, environment, "--demo-exit", "--urls", "http://127.0.0.1:0");

        (await sample.WaitForExitAsync(TimeSpan.FromMinutes(3))).Should().Be(0, sample.Output);
        sample.Stdout.Should().Contain("In sync: 5 of 5 accounts.").And.Contain("PostgreSQL database").And.NotContain("aircall-test-password");
        (await database.ScalarAsync("SELECT COUNT(*) FROM aircall_accounts WHERE status = 1")).Should().Be(5, "every account is Active");
        (await database.ScalarAsync("SELECT COUNT(DISTINCT account_id) FROM aircall_calls")).Should().Be(5);
        // 51, 58, 65, 72 and 79 calls, plus one webhook call each.
        (await database.ScalarAsync("SELECT COUNT(*) FROM aircall_calls")).Should().Be(51 + 58 + 65 + 72 + 79 + 5, sample.Output);
        (await database.ScalarAsync("SELECT COUNT(*) FROM aircall_accounts WHERE webhook_token_digest IS NOT NULL AND last_webhook_at IS NOT NULL")).Should().Be(5);
        File.Exists(Path.Combine(_directory.Directory, "partner-demo.db")).Should().BeFalse("PostgreSQL replaces SQLite");
    }
}
