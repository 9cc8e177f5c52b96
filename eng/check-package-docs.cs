// Checks that every package in a folder ships its XML docs: for each lib/<tfm>/X.dll of each .nupkg, a
// lib/<tfm>/X.xml documenting X's members (what IntelliSense shows). Exits 1, naming each package and file at fault.
// Usage (CI runs it after the pack step):  dotnet run eng/check-package-docs.cs -- artifacts/packages
using System.IO.Compression;
using System.Xml.Linq;

if (args.Length != 1 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: dotnet run eng/check-package-docs.cs -- <folder of .nupkg files>");
    return 2;
}

var packages = Directory.GetFiles(args[0], "*.nupkg").Order(StringComparer.Ordinal).ToList();
if (packages.Count == 0)
{
    Console.Error.WriteLine($"package-docs: no .nupkg in {args[0]}: nothing was packed");
    return 1;
}

var problems = 0;
foreach (var path in packages)
{
    var package = Path.GetFileName(path);
    using var zip = ZipFile.OpenRead(path);
    var entries = zip.Entries.ToDictionary(e => e.FullName, StringComparer.Ordinal);
    var assemblies = entries.Keys
        .Where(name => name.StartsWith("lib/", StringComparison.Ordinal) && name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        .Order(StringComparer.Ordinal)
        .ToList();
    var documented = 0;
    foreach (var dll in assemblies)
    {
        var xml = dll[..^".dll".Length] + ".xml";
        var problem = entries.TryGetValue(xml, out var entry) ? DocsProblem(entry, Path.GetFileNameWithoutExtension(dll)) : "is missing";
        if (problem is null)
        {
            documented++;
            continue;
        }

        problems++;
        Console.Error.WriteLine($"package-docs: {package}: {xml} {problem}, so IntelliSense shows nothing for {dll}. " +
            "Library projects get GenerateDocumentationFile from Directory.Build.props (projects under src/).");
    }

    Console.WriteLine($"package-docs: {package}: {documented} of {assemblies.Count} assemblies documented");
}

if (problems > 0)
{
    Console.Error.WriteLine($"package-docs: {problems} assembl{(problems == 1 ? "y" : "ies")} without XML docs");
    return 1;
}

return 0;

// Null when the entry is the documentation of that assembly and documents at least one member; else what is wrong.
static string? DocsProblem(ZipArchiveEntry entry, string assembly)
{
    XDocument document;
    try
    {
        using var stream = entry.Open();
        document = XDocument.Load(stream);
    }
    catch (System.Xml.XmlException e)
    {
        return $"is not XML ({e.Message})";
    }

    var name = document.Root?.Element("assembly")?.Element("name")?.Value;
    if (document.Root?.Name != "doc" || name != assembly)
    {
        return $"is not the XML documentation of {assembly} (assembly name: {name ?? "none"})";
    }

    var members = document.Root.Element("members")?.Elements("member").Count() ?? 0;
    return members == 0 ? "documents no member" : null;
}
