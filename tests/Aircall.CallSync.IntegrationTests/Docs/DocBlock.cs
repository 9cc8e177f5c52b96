using System.Text.RegularExpressions;

namespace Aircall.CallSync.IntegrationTests.Docs;

/// <summary>A fenced C# code block of a Markdown document (<c>```csharp</c>, <c>```cs</c> or <c>```c#</c>).</summary>
/// <param name="Document">The document, relative to the repository root, with forward slashes.</param>
/// <param name="Line">The 1-based line of the document on which the block's code starts (the line after the fence).</param>
/// <param name="Code">The block's code, with the fence's indentation removed.</param>
internal sealed partial record DocBlock(string Document, int Line, string Code)
{
    /// <summary>The documents whose C# blocks must compile: README.md, docs/*.md and the package READMEs.</summary>
    public static IReadOnlyList<string> Documents(string repoRoot)
    {
        var documents = new List<string> { "README.md" };
        documents.AddRange(Directory.GetFiles(Path.Combine(repoRoot, "docs"), "*.md").Select(path => "docs/" + Path.GetFileName(path)));
        documents.AddRange(Directory.GetDirectories(Path.Combine(repoRoot, "src"))
            .Where(project => File.Exists(Path.Combine(project, "README.md")))
            .Select(project => $"src/{Path.GetFileName(project)}/README.md"));
        documents.Sort(StringComparer.Ordinal);
        return documents;
    }

    /// <summary>Every C# block of a document, in order.</summary>
    public static IReadOnlyList<DocBlock> Read(string repoRoot, string document)
    {
        var lines = File.ReadAllText(Path.Combine(repoRoot, document)).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var blocks = new List<DocBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Fence().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var indent = open.Groups["indent"].Value.Length;
            var fence = open.Groups["fence"].Value;
            var start = i + 1;
            var end = start;
            while (end < lines.Length && !IsClosing(lines[end], fence))
            {
                end++;
            }

            if (IsCsharp(open.Groups["info"].Value))
            {
                var code = lines[start..end].Select(line => line.Length >= indent && string.IsNullOrWhiteSpace(line[..indent]) ? line[indent..] : line.TrimStart());
                blocks.Add(new DocBlock(document, start + 1, string.Join('\n', code) + "\n"));
            }

            i = end;
        }

        return blocks;
    }

    /// <summary>
    /// Whether the block is an ASP.NET Core app (it names <c>WebApplication</c>), so it is compiled in a project of the Web
    /// SDK (<c>dotnet new web</c>) rather than a console one (<c>dotnet new console</c>).
    /// </summary>
    public bool IsWeb => WebApplication().IsMatch(Code);

    public override string ToString() => $"{Document}:{Line}";

    private static bool IsCsharp(string info) => info.Split(' ', 2)[0].ToLowerInvariant() is "csharp" or "cs" or "c#";

    private static bool IsClosing(string line, string fence)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= fence.Length && trimmed.All(c => c == fence[0]);
    }

    [GeneratedRegex(@"^(?<indent>\s*)(?<fence>`{3,}|~{3,})\s*(?<info>[^`]*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"\bWebApplication(Builder)?\b")]
    private static partial Regex WebApplication();
}
