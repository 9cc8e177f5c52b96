using System.Diagnostics;
using System.Text.Json;

namespace Aircall.CallSync.Benchmarks.Infrastructure;

/// <summary>
/// Starts this executable again with another verb, so a measurement runs in a process of its own (its peak working set
/// and allocations are its own, and a load generator does not share the server's thread pool). The child prints its
/// result as one <c>RESULT {json}</c> line on stdout; everything else it prints is passed through.
/// </summary>
internal static class SelfProcess
{
    private const string ResultPrefix = "RESULT ";

    public static async Task<T> RunAsync<T>(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo
        {
            FileName = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown."),
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(start.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(SelfProcess).Assembly.Location); // started as `dotnet Aircall.CallSync.Benchmarks.dll`
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The child process did not start.");
        string? result = null;
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                result = line[ResultPrefix.Length..];
            }
            else
            {
                Console.WriteLine("    | " + line);
            }
        }

        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 || result is null)
        {
            throw new InvalidOperationException($"The child `{string.Join(' ', arguments)}` exited with {process.ExitCode} and {(result is null ? "no" : "a")} result.");
        }

        return JsonSerializer.Deserialize<T>(result, Options)!;
    }

    /// <summary>What a child calls last.</summary>
    public static void WriteResult<T>(T result) => Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result, Options));

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
