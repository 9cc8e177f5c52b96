using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace Aircall.CallSync.Benchmarks.Infrastructure;

/// <summary>
/// The configuration every suite runs with: allocations measured, one summary per suite (ratios against its own
/// baseline), and in-process unless asked otherwise (no generated project to build, so the repository's analyzers and
/// warnings-as-errors never meet BenchmarkDotNet's generated code, and a run starts in seconds). Jobs come from the
/// command line (<c>--job short</c>).
/// </summary>
internal static class BenchmarkConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddDiagnoser(MemoryDiagnoser.Default);

    /// <summary>The command line with <c>--inProcess</c> added unless a toolchain or runtime was chosen.</summary>
    public static string[] Arguments(string[] args)
        => args.Any(a => a is "-i" or "--inProcess" or "-r" or "--runtimes" or "--toolchain" or "--list" or "--help" or "--info")
            ? args
            : [.. args, "--inProcess"];
}
