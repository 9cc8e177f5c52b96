using System.Diagnostics;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests write to: <c>AIRCALL_TEST_POSTGRES</c> (a connection string, set by .ci/run), or else
/// the local cluster that <c>eng/test-postgres.sh --no-install</c> starts and prepares. In CI a missing server fails the
/// tests; elsewhere they are skipped, with the reason, only when no server can be started.
/// </summary>
internal static class TestPostgres
{
    public const string Variable = "AIRCALL_TEST_POSTGRES";

    private static readonly Lazy<Task<(string? ConnectionString, string? Problem)>> Server = new(LocateAsync);

    /// <summary>The connection string, or the test is skipped (locally) or failed (in CI) with the reason.</summary>
    public static async Task<string> RequireAsync()
    {
        var (connectionString, problem) = await Server.Value;
        if (connectionString is not null)
        {
            return connectionString;
        }

        var message = $"No PostgreSQL server for the EF Core store's tests: {problem} Set {Variable} to a connection string, "
                      + "or run `bash eng/test-postgres.sh` (as root it installs and starts Debian's postgresql).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(message + " In CI the PostgreSQL tests never skip: .ci/run's PostgreSQL block sets " + Variable + ".");
        }

        Assert.Skip("SKIPPED, NOT PASSED: " + message);
        return null!;
    }

    private static async Task<(string?, string?)> LocateAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return (configured, null);
        }

        var script = Path.Combine(RepositoryRoot(), "eng", "test-postgres.sh");
        try
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add("--no-install");
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return process.ExitCode == 0 && lines.Length > 0
                ? (lines[^1], null)
                : (null, $"{script} exited with {process.ExitCode}: {(await errors).Trim()}");
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or TimeoutException or InvalidOperationException)
        {
            return (null, $"{script} could not run ({exception.Message}).");
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Aircall.CallSync.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Aircall.CallSync.sln) is not above " + AppContext.BaseDirectory);
    }
}
