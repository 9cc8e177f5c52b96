using Aircall.CallSync.Samples.Common;

namespace Aircall.CallSync.IntegrationTests.Samples;

/// <summary>
/// The samples' shared command line: their own options, configuration in every form .NET reads, and anything else an
/// error, so that a mistyped option never runs the demo silently.
/// </summary>
public sealed class SampleCommandLineTests
{
    private static SampleCommandLine Parse(params string[] args) => SampleCommandLine.Parse(args, flags: ["--demo"], valued: ["--from"]);

    [Theory]
    [InlineData("--bogus", "unknown option --bogus.")]
    [InlineData("-x", "unknown option -x.")]
    [InlineData("--Demo", "unknown option --Demo.")]
    [InlineData("--apiid=x", "unknown option --apiid=x.")]
    [InlineData("demo", "unexpected argument 'demo' (settings are written --Section:Key=value).")]
    [InlineData("--from", "--from needs a value.")]
    public void Anything_that_is_neither_an_option_nor_configuration_is_an_error(string arg, string error)
    {
        var parsed = Parse("--demo", arg);

        parsed.Error.Should().Be(error);
    }

    [Fact]
    public void Options_and_configuration_are_told_apart()
    {
        var parsed = Parse(
            "--from", "2026-01-01", "--Aircall:ApiId=id", "--ConnectionStrings:Calls", "Data Source=my.db", "Demo:Calls=5",
            "/Aircall:RateLimit:PermitLimit=30", "--urls", "http://127.0.0.1:5080", "--environment=Development", "--demo");

        parsed.Error.Should().BeNull();
        parsed.Has("--demo").Should().BeTrue();
        parsed.Value("--from").Should().Be("2026-01-01");
        parsed.ConfigurationArgs.Should().Equal(
            "--Aircall:ApiId=id", "--ConnectionStrings:Calls", "Data Source=my.db", "Demo:Calls=5",
            "/Aircall:RateLimit:PermitLimit=30", "--urls", "http://127.0.0.1:5080", "--environment=Development");
    }

    [Fact]
    public void A_setting_without_its_value_is_an_error()
    {
        Parse("--Aircall:ApiId").Error.Should().Be("--Aircall:ApiId needs a value (or write --Aircall:ApiId=value).");
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    [InlineData("-?")]
    public void Help_is_recognised(string arg)
    {
        var parsed = Parse(arg);

        parsed.Help.Should().BeTrue();
        parsed.Error.Should().BeNull();
    }

    [Fact]
    public void The_first_error_is_kept()
    {
        var parsed = Parse("--bogus");
        parsed.Fail("later problem");

        parsed.Error.Should().Be("unknown option --bogus.");
    }
}
