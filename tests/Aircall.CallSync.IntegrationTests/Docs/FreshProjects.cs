using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Aircall.CallSync.IntegrationTests.Samples;

namespace Aircall.CallSync.IntegrationTests.Docs;

/// <summary>
/// What a reader has after following the README's Install section: a fresh <c>dotnet new console</c> and
/// <c>dotnet new web</c> project, outside the repository, referencing exactly the packages that section names, with
/// this repository's packages packed into a local folder feed (the default feed stays for every other package). Both are
/// restored once; <see cref="FreshProject.Compile"/> then compiles code against what each resolved, in-process.
/// </summary>
public sealed partial class FreshProjects : IAsyncLifetime
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(5);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "aircall-callsync-docs-" + Guid.NewGuid().ToString("N")[..12]);

    internal FreshProject Console { get; private set; } = null!;

    internal FreshProject Web { get; private set; } = null!;

    /// <summary>The packages of the README's Install section, with the versions restored.</summary>
    internal IReadOnlyDictionary<string, string> Packages { get; private set; } = null!;

    internal FreshProject For(DocBlock block) => block.IsWeb ? Web : Console;

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var feed = Path.Combine(_root, "feed");
        Directory.CreateDirectory(feed);
        await PackAsync(feed, cancellationToken);
        var packed = PackedVersions(feed);
        Packages = InstallSection(File.ReadAllText(Path.Combine(SampleProcess.RepoRoot, "README.md")))
            .ToDictionary(id => id, id => packed.GetValueOrDefault(id) ?? CentralVersion(id), StringComparer.OrdinalIgnoreCase);

        // Packages restore into a folder of this run, so a package of this repository is always the one just packed (its
        // version does not change between builds); every other package is read from the machine's packages folder
        // when it is there, as in the reader's own restore.
        var packagesFolder = Path.Combine(_root, "packages");
        var fallback = await UserPackagesFolderAsync(cancellationToken);
        if (fallback is not null && packed.Any(p => Directory.Exists(Path.Combine(fallback, p.Key.ToLowerInvariant(), p.Value.ToLowerInvariant()))))
        {
            fallback = null; // a stale copy of one of our packages there would be taken instead of the one under test
        }

        await File.WriteAllTextAsync(Path.Combine(_root, "nuget.config"), NugetConfig(feed, fallback), cancellationToken);
        foreach (var guard in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            // Nothing above this folder (a stray file in the temp directory) reaches the fresh projects.
            await File.WriteAllTextAsync(Path.Combine(_root, guard), "<Project />\n", cancellationToken);
        }

        var console = CreateAsync("console", "Microsoft.NET.Sdk", "<OutputType>Exe</OutputType>", """Console.WriteLine("Hello, World!");""", packagesFolder, cancellationToken);
        var web = CreateAsync("web", "Microsoft.NET.Sdk.Web", "", """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();

            app.MapGet("/", () => "Hello World!");

            app.Run();
            """, packagesFolder, cancellationToken);
        Console = await console;
        Web = await web;
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The package ids of the <c>dotnet add package</c> lines of the README's <c>## Install</c> section.</summary>
    internal static IReadOnlyList<string> InstallSection(string readme)
    {
        var section = InstallHeading().Match(readme);
        if (!section.Success)
        {
            throw new InvalidOperationException("README.md has no '## Install' section.");
        }

        var ids = AddPackage().Matches(section.Groups["body"].Value).Select(m => m.Groups["id"].Value).Distinct().ToList();
        return ids.Count > 0 ? ids : throw new InvalidOperationException("README.md's Install section names no package (dotnet add package ...).");
    }

    private async Task<FreshProject> CreateAsync(string name, string sdk, string properties, string programCs, string packagesFolder, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(_root, name);
        Directory.CreateDirectory(directory);
        var references = string.Join("\n", Packages.Select(p => $"""    <PackageReference Include="{p.Key}" Version="{p.Value}" />"""));
        var project = Path.Combine(directory, name + ".csproj");
        await File.WriteAllTextAsync(project, $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                {properties}
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "Program.cs"), programCs, cancellationToken);

        string[] compilerProperties = ["LangVersion", "Nullable", "DefineConstants", "WarningLevel", "NoWarn", "AllowUnsafeBlocks"];
        var output = await RunDotnetAsync(directory, packagesFolder,
            ["msbuild", project, "-restore", "-t:FindReferenceAssembliesForReferences", "-getItem:ReferencePathWithRefAssemblies", "-getItem:Using",
             .. compilerProperties.Select(p => "-getProperty:" + p)], cancellationToken);
        using var json = JsonDocument.Parse(output);
        var items = json.RootElement.GetProperty("Items");
        var found = json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
        var referencePaths = items.GetProperty("ReferencePathWithRefAssemblies").EnumerateArray().Select(i => i.GetProperty("Identity").GetString()!).ToList();
        var usings = items.GetProperty("Using").EnumerateArray().Select(GlobalUsing);
        return new FreshProject(name, programCs, referencePaths, string.Join('\n', usings) + "\n", found);
    }

    /// <summary>A <c>Using</c> item as the SDK writes it into the project's GlobalUsings.g.cs.</summary>
    private static string GlobalUsing(JsonElement item)
    {
        var name = item.GetProperty("Identity").GetString();
        if (item.TryGetProperty("Alias", out var alias) && alias.GetString() is { Length: > 0 } a)
        {
            return $"global using {a} = global::{name};";
        }

        return item.TryGetProperty("Static", out var isStatic) && string.Equals(isStatic.GetString(), "true", StringComparison.OrdinalIgnoreCase)
            ? $"global using static global::{name};"
            : $"global using global::{name};";
    }

    /// <summary>Packs the solution's packable projects, as built for these tests, into <paramref name="feed"/>.</summary>
    private static async Task PackAsync(string feed, CancellationToken cancellationToken)
    {
        // tests/Aircall.CallSync.IntegrationTests/bin/<Configuration>/<tfm>/
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        await RunDotnetAsync(SampleProcess.RepoRoot, null,
            ["pack", Path.Combine(SampleProcess.RepoRoot, "Aircall.CallSync.sln"), "-c", configuration, "--no-build", "-o", feed], cancellationToken);
    }

    /// <summary>Id and version of each package in the feed, from its .nuspec.</summary>
    private static Dictionary<string, string> PackedVersions(string feed)
    {
        var packages = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in Directory.GetFiles(feed, "*.nupkg"))
        {
            using var zip = ZipFile.OpenRead(path);
            var nuspec = zip.Entries.Single(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.Name.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
            using var stream = nuspec.Open();
            var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            packages[metadata.Elements().Single(e => e.Name.LocalName == "id").Value] = metadata.Elements().Single(e => e.Name.LocalName == "version").Value;
        }

        return packages.Count > 0 ? packages : throw new InvalidOperationException($"dotnet pack put no package in {feed}.");
    }

    /// <summary>A package that is not ours gets the version this repository builds and tests with.</summary>
    private static string CentralVersion(string id)
    {
        var props = XDocument.Load(Path.Combine(SampleProcess.RepoRoot, "Directory.Packages.props"));
        var version = props.Descendants("PackageVersion").FirstOrDefault(e => string.Equals((string?)e.Attribute("Include"), id, StringComparison.OrdinalIgnoreCase))
            ?.Attribute("Version")?.Value
            ?? throw new InvalidOperationException($"README.md's Install section names {id}, which is neither packed from this repository nor in Directory.Packages.props.");
        return version.StartsWith("$(", StringComparison.Ordinal)
            ? props.Descendants(version[2..^1]).Single().Value
            : version;
    }

    private static async Task<string?> UserPackagesFolderAsync(CancellationToken cancellationToken)
    {
        var output = await RunDotnetAsync(Path.GetTempPath(), null, ["nuget", "locals", "global-packages", "--list"], cancellationToken);
        var folder = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("global-packages:", StringComparison.Ordinal))?["global-packages:".Length..].Trim();
        return folder is { Length: > 0 } && Directory.Exists(folder) ? folder : null;
    }

    private static string NugetConfig(string feed, string? fallback) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <!-- The fresh projects' own config: this repository's packages from a local folder, the rest from the default feed. -->
        <configuration>
          <packageSources>
            <add key="aircall-callsync-under-test" value="{feed}" />
          </packageSources>
          <fallbackPackageFolders>
        {(fallback is null ? "" : $"""    <add key="machine" value="{fallback}" />""")}
          </fallbackPackageFolders>
        </configuration>
        """;

    /// <summary>Runs the dotnet host running these tests; returns its standard output, or throws with all it printed.</summary>
    private static async Task<string> RunDotnetAsync(string workingDirectory, string? packagesFolder, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(SampleProcess.DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("MSBuildExtensionsPath"); // the test host's MSBuild settings are not the reader's
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        if (packagesFolder is not null)
        {
            start.Environment["NUGET_PACKAGES"] = packagesFolder;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProcessTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout;
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"dotnet {string.Join(' ', start.ArgumentList)} (in {workingDirectory}) exited {process.ExitCode}:\n{output}\n{await stderr}");
    }

    [GeneratedRegex(@"^## Install[ \t]*\n(?<body>.*?)(?=^## |\z)", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex InstallHeading();

    [GeneratedRegex(@"dotnet add package (?<id>[A-Za-z0-9_.-]+)")]
    private static partial Regex AddPackage();
}
