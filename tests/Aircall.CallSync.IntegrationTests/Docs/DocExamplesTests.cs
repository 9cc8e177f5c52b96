using System.Text.RegularExpressions;
using Aircall.CallSync.IntegrationTests.Samples;

namespace Aircall.CallSync.IntegrationTests.Docs;

/// <summary>
/// Every C# example in the README and the docs this repository keeps checked is compiled: each one appears, line for
/// line, in DocExamples.cs (which the build compiles with warnings as errors). An example edited in a document but not
/// there, or the other way round, fails here.
/// </summary>
public sealed partial class DocExamplesTests
{
    private static readonly string[] Documents =
    [
        "README.md", "docs/getting-started.md", "docs/samples.md", "docs/webhooks.md", "docs/call-store.md", "docs/configuration.md",
        "docs/testing-with-the-simulator.md", "docs/architecture.md", "docs/troubleshooting.md", "docs/batch-sync.md",
        "docs/rate-limits.md",
    ];

    public static TheoryData<string> DocumentNames() => [.. Documents];

    [Theory]
    [MemberData(nameof(DocumentNames))]
    public void Every_csharp_example_is_compiled_in_DocExamples(string document)
    {
        var compiled = Normalize(File.ReadAllText(Path.Combine(SampleProcess.RepoRoot, "tests", "Aircall.CallSync.IntegrationTests", "Docs", "DocExamples.cs")))
            .Where(line => line.Length > 0).ToArray();
        var markdown = File.ReadAllText(Path.Combine(SampleProcess.RepoRoot, document));
        var missing = new List<string>();
        foreach (Match block in CsharpBlock().Matches(markdown))
        {
            foreach (var chunk in Chunks(block.Groups[1].Value))
            {
                if (!ContainsRun(compiled, chunk))
                {
                    missing.Add(string.Join('\n', chunk));
                }
            }
        }

        missing.Should().BeEmpty($"every C# example of {document} must be in tests/Aircall.CallSync.IntegrationTests/Docs/DocExamples.cs, so the build compiles it");
    }

    /// <summary>Runs of non-blank lines, using directives left out (DocExamples.cs has them at the top).</summary>
    private static IEnumerable<string[]> Chunks(string code)
    {
        var chunk = new List<string>();
        foreach (var line in Normalize(code))
        {
            if (line.Length == 0)
            {
                if (chunk.Count > 0)
                {
                    yield return [.. chunk];
                    chunk.Clear();
                }
            }
            else if (!line.StartsWith("using ", StringComparison.Ordinal) || !line.EndsWith(';') || line.Contains('='))
            {
                chunk.Add(line);
            }
        }

        if (chunk.Count > 0)
        {
            yield return [.. chunk];
        }
    }

    private static IEnumerable<string> Normalize(string text) => text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(line => line.Trim());

    private static bool ContainsRun(string[] haystack, string[] run)
    {
        for (var start = 0; start + run.Length <= haystack.Length; start++)
        {
            var i = 0;
            while (i < run.Length && haystack[start + i] == run[i])
            {
                i++;
            }

            if (i == run.Length)
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CsharpBlock();
}
