using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Aircall.CallSync.IntegrationTests.Docs;

/// <summary>
/// One restored fresh project (see <see cref="FreshProjects"/>): its resolved reference assemblies, its generated global
/// usings and the compiler settings its SDK chose. Compiles a block as the project's compiler would, without MSBuild.
/// </summary>
internal sealed class FreshProject
{
    private readonly string _templateProgram;
    private readonly ImmutableArray<MetadataReference> _references;
    private readonly SyntaxTree _globalUsings;
    private readonly CSharpParseOptions _parseOptions;
    private readonly CSharpCompilationOptions _compilationOptions;

    public FreshProject(string name, string templateProgram, IReadOnlyList<string> referencePaths, string globalUsings, IReadOnlyDictionary<string, string> properties)
    {
        Name = name;
        _templateProgram = templateProgram;
        _references = [.. referencePaths.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
        if (!LanguageVersionFacts.TryParse(properties["LangVersion"], out var languageVersion))
        {
            throw new InvalidOperationException($"The {name} project's LangVersion '{properties["LangVersion"]}' is unknown to this compiler: update Microsoft.CodeAnalysis.CSharp.");
        }

        _parseOptions = new CSharpParseOptions(languageVersion, preprocessorSymbols: Split(properties["DefineConstants"]));
        _globalUsings = CSharpSyntaxTree.ParseText(globalUsings, _parseOptions, path: $"{name}.GlobalUsings.g.cs");
        _compilationOptions = new CSharpCompilationOptions(
            OutputKind.ConsoleApplication,
            nullableContextOptions: properties["Nullable"] == "enable" ? NullableContextOptions.Enable : NullableContextOptions.Disable,
            warningLevel: int.Parse(properties["WarningLevel"], System.Globalization.CultureInfo.InvariantCulture),
            allowUnsafe: string.Equals(properties["AllowUnsafeBlocks"], "true", StringComparison.OrdinalIgnoreCase),
            specificDiagnosticOptions: Split(properties["NoWarn"]).Select(id => KeyValuePair.Create(id.StartsWith("CS", StringComparison.Ordinal) ? id : "CS" + id.PadLeft(4, '0'), ReportDiagnostic.Suppress)));
    }

    /// <summary><c>console</c> or <c>web</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// Compiles <paramref name="block"/> as a reader who pastes it would: a block with top-level statements is the
    /// project's Program.cs; a block of declarations only (a class to add to a project) is a new file next to the
    /// template's Program.cs. Returns the errors and warnings, each as <c>document:line:column: error CSxxxx: message</c>
    /// with the line of the document; empty when the block compiles cleanly.
    /// </summary>
    public IReadOnlyList<string> Compile(DocBlock block)
    {
        var compilation = CreateCompilation(block, _references);
        using var peStream = new MemoryStream();
        var result = compilation.Emit(peStream);
        return [.. result.Diagnostics
            .Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning)
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => Describe(d, block))];
    }

    /// <summary>
    /// Compiles <paramref name="block"/> as <see cref="Compile"/> does, but against the assemblies this test process runs
    /// on (the solution's own builds) and loads it, so that a test can run the documented code itself. Throws with the
    /// compiler's messages when it does not compile.
    /// </summary>
    public Assembly Load(DocBlock block)
    {
        var compilation = CreateCompilation(block, TestProcessReferences.Value);
        using var peStream = new MemoryStream();
        var result = compilation.Emit(peStream);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{block} does not compile against the test's assemblies:\n  " +
                string.Join("\n  ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => Describe(d, block))));
        }

        return AssemblyLoadContext.Default.LoadFromStream(new MemoryStream(peStream.ToArray()));
    }

    private static string Describe(Diagnostic diagnostic, DocBlock block)
    {
        var span = diagnostic.Location.GetLineSpan();
        var where = span.Path == block.Document
            ? $"{block.Document}:{block.Line + span.StartLinePosition.Line}:{span.StartLinePosition.Character + 1}"
            : span.IsValid ? $"{block.Document}:{block.Line} ({span.Path}:{span.StartLinePosition.Line + 1})" : $"{block.Document}:{block.Line}";
        var severity = diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return $"{where}: {severity} {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private CSharpCompilation CreateCompilation(DocBlock block, ImmutableArray<MetadataReference> references)
    {
        var tree = CSharpSyntaxTree.ParseText(block.Code, _parseOptions, path: block.Document);
        var isProgram = tree.GetCompilationUnitRoot().Members.Any(member => member is GlobalStatementSyntax);
        List<SyntaxTree> trees = [tree, _globalUsings];
        if (!isProgram)
        {
            trees.Add(CSharpSyntaxTree.ParseText(_templateProgram, _parseOptions, path: "Program.cs"));
        }

        return CSharpCompilation.Create("Pasted" + Guid.NewGuid().ToString("N"), trees, references, _compilationOptions);
    }

    private static readonly Lazy<ImmutableArray<MetadataReference>> TestProcessReferences = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))]);

    private static string[] Split(string list) => list.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
