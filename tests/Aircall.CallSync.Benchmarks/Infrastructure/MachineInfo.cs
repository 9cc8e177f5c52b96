using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Aircall.CallSync.Benchmarks.Infrastructure;

/// <summary>What docs/benchmarks.md records about the machine a figure came from.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} logical cores (nproc), CPU {CpuModel()}, ");
        text.Append(CultureInfo.InvariantCulture, $"RAM {MemoryGiB()}, {OsName()}, .NET {Environment.Version} ({RuntimeInformation.FrameworkDescription}), ");
        text.Append(CultureInfo.InvariantCulture, $"{RuntimeInformation.ProcessArchitecture}, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");
        return text.ToString();
    }

    private static string CpuModel()
    {
        foreach (var line in ReadLines("/proc/cpuinfo"))
        {
            if (line.StartsWith("model name", StringComparison.Ordinal))
            {
                return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string MemoryGiB()
    {
        foreach (var line in ReadLines("/proc/meminfo"))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return string.Create(CultureInfo.InvariantCulture, $"{kb / 1024.0 / 1024.0:F1} GiB");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024.0 / 1024.0:F1} GiB (GC view)");
    }

    private static string OsName()
    {
        foreach (var line in ReadLines("/etc/os-release"))
        {
            if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
            {
                var kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : RuntimeInformation.OSDescription;
                return line["PRETTY_NAME=".Length..].Trim('"') + ", kernel " + kernel;
            }
        }

        return RuntimeInformation.OSDescription;
    }

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
