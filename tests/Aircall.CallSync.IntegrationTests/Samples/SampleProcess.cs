using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Aircall.CallSync.IntegrationTests.Samples;

/// <summary>
/// A sample run as a user runs it: <c>dotnet &lt;sample&gt;.dll</c>, built with the solution in the same configuration as
/// these tests, in its own working directory, with the environment given (and none of the machine's Aircall settings).
/// Output is captured line by line.
/// </summary>
internal sealed class SampleProcess : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);
    private readonly Process _process;
    private readonly Lock _lock = new();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly string _name;

    private SampleProcess(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    public string Stdout
    {
        get
        {
            lock (_lock)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_lock)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Everything printed so far, for assertion messages.</summary>
    public string Output => $"--- {_name} stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    public static SampleProcess Start(string sample, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, params string[] args)
    {
        var dll = SampleDll(sample);
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("Aircall", StringComparison.OrdinalIgnoreCase) || key.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("Demo", StringComparison.OrdinalIgnoreCase) || key is "ASPNETCORE_URLS" or "DOTNET_URLS")
            {
                start.Environment.Remove(key);
            }
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var sampleProcess = new SampleProcess(process, sample);
        process.OutputDataReceived += (_, e) => sampleProcess.Append(sampleProcess._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => sampleProcess.Append(sampleProcess._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sampleProcess;
    }

    /// <summary>Waits for the process to exit and returns its exit code; fails the test (with the output) on timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{_name} did not exit within {timeout ?? DefaultTimeout}.\n{Output}");
        }

        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    /// <summary>Waits until stdout has a line matching <paramref name="predicate"/>; fails on timeout or exit.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < (timeout ?? DefaultTimeout))
        {
            var line = Stdout.Split('\n').FirstOrDefault(l => predicate(l.TrimEnd('\r')));
            if (line is not null)
            {
                return line.TrimEnd('\r');
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_name} exited ({_process.ExitCode}) before printing the expected line.\n{Output}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"{_name} did not print the expected line.\n{Output}");
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public void Interrupt() => Signal(SigInt, "SIGINT");

    /// <summary>Sends SIGTERM, as <c>kill</c>, <c>docker stop</c> and systemd do.</summary>
    public void Terminate() => Signal(SigTerm, "SIGTERM");

    /// <summary>Sends SIGKILL: the process dies at once, with no chance to save anything (a crash, an OOM kill).</summary>
    public void KillNow() => Signal(SigKill, "SIGKILL");

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>The repository root (where the solution is).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    private static string SampleDll(string sample)
    {
        // tests/Aircall.CallSync.IntegrationTests/bin/<Configuration>/<tfm>/
        var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = baseDirectory.Name;
        var configuration = baseDirectory.Parent!.Name;
        var dll = Path.Combine(RepoRoot, "samples", sample, "bin", configuration, tfm, sample + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: build the solution (dotnet build) before running these tests.", dll);
        }

        return dll;
    }

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Aircall.CallSync.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Aircall.CallSync.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The dotnet host running these tests (so the samples run on the same SDK's runtime).</summary>
    internal static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        // <dotnet root>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var root = runtime is null ? null : Directory.GetParent(runtime)?.Parent?.Parent?.FullName;
        var candidate = root is null ? null : Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return candidate is not null && File.Exists(candidate) ? candidate : "dotnet";
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            target.Append(line).Append('\n');
        }
    }

    private void Signal(int signal, string name)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            throw new PlatformNotSupportedException($"{name} is sent with kill(2).");
        }

        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({name}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    private const int SigInt = 2;
    private const int SigTerm = 15;
    private const int SigKill = 9;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
