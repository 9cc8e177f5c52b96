using Aircall.CallSync.IntegrationTests.Samples;

namespace Aircall.CallSync.IntegrationTests.Docs;

/// <summary>
/// Every C# block of README.md, docs/*.md and the package READMEs compiles as pasted into a fresh project that references
/// only the packages the README's Install section names, packed from this repository (see <see cref="FreshProjects"/>).
/// </summary>
/// <remarks>
/// <para>The rules a block follows, so that a reader can paste it:</para>
/// <list type="bullet">
/// <item>It shows its <c>using</c> directives, beyond the implicit usings of <c>dotnet new console</c> or
/// <c>dotnet new web</c>.</item>
/// <item>A block that names <c>WebApplication</c> is compiled in a Web SDK project (<c>dotnet new web</c>), any other in
/// a console project (<c>dotnet new console</c>).</item>
/// <item>A block with top-level statements is the project's Program.cs (types may follow the statements); a block of
/// declarations only (a store, a test class) is a file added next to the template's Program.cs.</item>
/// <item>Every type it names is shipped by a listed package or declared in the block: no <c>MyCallStore</c> defined
/// elsewhere. A deliberately short example is still complete.</item>
/// <item>It compiles without errors or warnings. Analyzers and source generators are not run.</item>
/// </list>
/// <para>A failure names the document, the line in it and the compiler's message.</para>
/// </remarks>
[Collection(SharedFreshProjects.Name)]
public sealed class DocBlocksCompileTests(FreshProjects projects)
{
    public static TheoryData<string, int> Blocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var document in DocBlock.Documents(SampleProcess.RepoRoot))
        {
            foreach (var block in DocBlock.Read(SampleProcess.RepoRoot, document))
            {
                data.Add(block.Document, block.Line);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Block_compiles_as_pasted_into_a_fresh_project(string document, int line)
    {
        var block = DocBlock.Read(SampleProcess.RepoRoot, document).Single(b => b.Line == line);
        var problems = projects.For(block).Compile(block);
        if (problems.Count == 0)
        {
            return;
        }

        var message = Failure(block, problems);
        Assert.Fail(message);
    }

    [Fact]
    public void The_fresh_projects_reference_exactly_the_packages_of_the_readme_install_section()
    {
        var readme = File.ReadAllText(Path.Combine(SampleProcess.RepoRoot, "README.md"));

        projects.Packages.Keys.Should().BeEquivalentTo(FreshProjects.InstallSection(readme));
        projects.Packages.Keys.Should().Contain(["Aircall.CallSync", "Aircall.CallSync.AspNetCore", "Aircall.CallSync.Testing", "Microsoft.Extensions.Hosting"]);
    }

    [Fact]
    public void A_block_missing_a_using_fails_naming_the_document_line_and_error()
    {
        var block = new DocBlock("docs/example.md", 40, """
            using Aircall.CallSync.Storage;

            var runner = new CallSyncRunner(new InMemoryCallStore(), new InMemoryCheckpointStore());
            """);

        var problems = projects.For(block).Compile(block);

        problems.Should().ContainSingle().Which.Should().StartWith("docs/example.md:42:18: error CS0246: The type or namespace name 'CallSyncRunner' could not be found");
    }

    [Fact]
    public void A_block_naming_a_type_it_does_not_define_fails()
    {
        var block = new DocBlock("docs/example.md", 1, """
            using Aircall.CallSync.Storage;
            using Microsoft.Extensions.DependencyInjection;

            var services = new ServiceCollection();
            services.AddSingleton<ICallStore, MyCallStore>();
            """);

        projects.For(block).Compile(block).Should().ContainSingle().Which.Should().Contain("docs/example.md:5:").And.Contain("CS0246").And.Contain("'MyCallStore'");
    }

    [Fact]
    public void A_block_that_needs_a_package_the_install_section_does_not_name_fails()
    {
        var block = new DocBlock("docs/example.md", 1, """
            using StackExchange.Redis;

            using var redis = ConnectionMultiplexer.Connect("127.0.0.1");
            """);

        projects.For(block).Compile(block).Should().Contain("docs/example.md:1:7: error CS0246: The type or namespace name 'StackExchange' could not be found (are you missing a using directive or an assembly reference?)");
    }

    [Fact]
    public void A_block_that_compiles_with_a_warning_fails()
    {
        var block = new DocBlock("docs/example.md", 1, """
            string? name = args.Length > 0 ? args[0] : null;
            Console.WriteLine(name.Length);
            """);

        projects.For(block).Compile(block).Should().ContainSingle().Which.Should().StartWith("docs/example.md:2:19: warning CS8602");
    }

    [Fact]
    public void A_web_block_is_compiled_with_the_web_sdk_and_its_implicit_usings()
    {
        var block = new DocBlock("docs/example.md", 1, """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapAircallWebhook("/aircall/webhook");
            app.Run();
            """);

        block.IsWeb.Should().BeTrue();
        projects.For(block).Should().BeSameAs(projects.Web);
        projects.Web.Compile(block).Should().BeEmpty();
        projects.Console.Compile(block).Should().Contain(p => p.Contains("CS0103", StringComparison.Ordinal) && p.Contains("'WebApplication'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_block_of_declarations_only_is_a_file_next_to_the_template_program()
    {
        var block = new DocBlock("docs/example.md", 1, """
            using Aircall.CallSync.Storage;

            public sealed class NullStore : ICallStore
            {
                public ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken) => ValueTask.FromResult(false);
            }
            """);

        projects.Console.Compile(block).Should().BeEmpty();
    }

    private string Failure(DocBlock block, IReadOnlyList<string> problems) =>
        $"The C# block at {block} does not compile as pasted into a fresh {projects.For(block).Name} project referencing " +
        $"{string.Join(", ", projects.Packages.Select(p => $"{p.Key} {p.Value}"))}:\n  {string.Join("\n  ", problems)}";
}
