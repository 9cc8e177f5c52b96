using System.Text.Json;

namespace Aircall.CallSync.IntegrationTests.Samples;

/// <summary>
/// What the batch and webhook samples have in common, run as processes: an unknown option stops them with exit code 2
/// and the usage on stderr, --help prints the usage and exits 0, each demo writes a database of its own, and the
/// per-request HttpClient and Polly lines stay below Information.
/// </summary>
[Collection(SampleProcesses.Name)]
public sealed class SampleCommonTests : IDisposable
{
    private const string Batch = "Aircall.CallSync.Samples.Batch";
    private const string Webhook = "Aircall.CallSync.Samples.Webhook";
    private readonly SampleDatabase _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> Samples() => [Batch, Webhook];

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task An_unknown_option_exits_2_with_the_usage_on_stderr_and_runs_nothing(string sample)
    {
        await using var process = SampleProcess.Start(sample, _directory.Directory, null, "--bogus");

        (await process.WaitForExitAsync()).Should().Be(2, process.Output);
        process.Stderr.Should().StartWith("error: unknown option --bogus.").And.Contain("Usage: dotnet run --project samples/" + sample);
        process.Stdout.Should().NotContain("Demo mode", "nothing ran");
        Directory.EnumerateFiles(_directory.Directory).Should().BeEmpty("no database was created");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Help_prints_the_usage_and_the_exit_codes_and_exits_0(string sample)
    {
        await using var process = SampleProcess.Start(sample, _directory.Directory, null, "--help");

        (await process.WaitForExitAsync()).Should().Be(0, process.Output);
        process.Stdout.Should().Contain("Usage: dotnet run --project samples/" + sample).And.Contain("Exit codes: 0");
        process.Stderr.Should().BeEmpty();
    }

    [Fact]
    public async Task Each_demo_writes_its_own_database_and_neither_touches_calls_db()
    {
        var demo = new Dictionary<string, string> { ["Demo__Calls"] = "60" };
        await using (var batch = SampleProcess.Start(Batch, _directory.Directory, demo))
        {
            (await batch.WaitForExitAsync()).Should().Be(0, batch.Output);
            batch.Stdout.Should().Contain("batch-demo.db");
        }

        await using (var webhook = SampleProcess.Start(Webhook, _directory.Directory, null, "--urls", "http://127.0.0.1:0", "--demo-exit"))
        {
            (await webhook.WaitForExitAsync()).Should().Be(0, webhook.Output);
            webhook.Stdout.Should().Contain("webhook-demo.db");
            webhook.Stdout.Should().Contain("Aircall webhook call.created", "the SDK's own lines are shown")
                .And.NotContain("System.Net.Http.HttpClient", "a line per request is below Information")
                .And.NotContain("Polly");
        }

        Directory.EnumerateFiles(_directory.Directory, "*.db").Select(Path.GetFileName).Should().BeEquivalentTo(["batch-demo.db", "webhook-demo.db"]);
        CountCalls("batch-demo.db").Should().Be(60);
        CountCalls("webhook-demo.db").Should().Be(3);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_appsettings_keep_per_request_lines_at_Warning(string sample)
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(SampleProcess.RepoRoot, "samples", sample, "appsettings.json")));
        var levels = settings.RootElement.GetProperty("Logging").GetProperty("LogLevel");

        levels.GetProperty("System.Net.Http.HttpClient").GetString().Should().Be("Warning");
        levels.GetProperty("Polly").GetString().Should().Be("Warning");
    }

    private long CountCalls(string file)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_directory.Directory, file)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM calls";
        return (long)command.ExecuteScalar()!;
    }
}
