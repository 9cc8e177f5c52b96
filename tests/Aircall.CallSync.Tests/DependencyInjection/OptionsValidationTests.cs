using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Tests.DependencyInjection;

/// <summary>A host with a wrong <c>Aircall</c> section fails to start, with a message that names the setting to fix.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("ApiId=id", "Aircall:ApiToken is missing: Basic auth needs both Aircall:ApiId and Aircall:ApiToken")]
    [InlineData("ApiToken=token", "Aircall:ApiId is missing: Basic auth needs both")]
    [InlineData("ApiId=id;ApiToken=token;AccessToken=oauth", "Both Aircall:AccessToken and Aircall:ApiId/ApiToken are set")]
    [InlineData("AccessToken=oauth;ApiId=id", "configure one kind of credentials, not both")]
    [InlineData("BaseAddress=ftp://api.test/", "Aircall:BaseAddress 'ftp://api.test/' is not an absolute http(s) URL")]
    [InlineData("BaseAddress=https://api.test/?api_token=x", "Aircall:BaseAddress must not carry a query string or user info")]
    [InlineData("BaseAddress=https://api.aircall.io/v1/", "Aircall:BaseAddress 'https://api.aircall.io/v1/' has a path (/v1/): write the origin only, 'https://api.aircall.io/'. The SDK adds /v1/... to it itself.")]
    [InlineData("BaseAddress=https://api.aircall.io/v1", "Aircall:BaseAddress 'https://api.aircall.io/v1' has a path (/v1): write the origin only, 'https://api.aircall.io/'")]
    [InlineData("BaseAddress=http://127.0.0.1:5080/aircall/", "write the origin only, 'http://127.0.0.1:5080/'")]
    [InlineData("RateLimit:PermitLimit=0", "Aircall:RateLimit:PermitLimit is 0: it must be at least 1")]
    [InlineData("RateLimit:PermitLimit=-5", "Aircall:RateLimit:PermitLimit is -5")]
    [InlineData("RateLimit:Window=00:00:00", "Aircall:RateLimit:Window is 00:00:00: it must be a positive TimeSpan")]
    [InlineData("RateLimit:Window=-00:01:00", "Aircall:RateLimit:Window is -00:01:00")]
    [InlineData("RateLimit:MaxResetWait=00:00:30", "Aircall:RateLimit:MaxResetWait is 00:00:30: it must be at least one window (00:01:00)")]
    [InlineData("Resilience:MaxResponseBodyBytes=1000", "Aircall:Resilience:MaxResponseBodyBytes is 1000: it must be at least 65536")]
    [InlineData("Resilience:MaxRetryAttempts=-1", "Aircall:Resilience:MaxRetryAttempts is -1")]
    [InlineData("Resilience:AttemptTimeout=00:00:00", "Aircall:Resilience:AttemptTimeout is 00:00:00: it must be positive")]
    [InlineData("Resilience:BaseDelay=00:00:00", "Aircall:Resilience:BaseDelay is 00:00:00")]
    [InlineData("Resilience:TotalTimeout=00:01:00", "Aircall:Resilience:TotalTimeout (00:01:00) must be longer than one rate-limit window plus one attempt (00:01:30)")]
    public async Task Invalid_settings_stop_the_host_with_a_clear_message(string settings, string expectedMessage)
    {
        using var host = BuildHost(settings);

        var start = () => host.StartAsync(TestContext.Current.CancellationToken);

        (await start.Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain(expectedMessage);
    }

    [Theory]
    [InlineData("BaseAddress=not a url", "Aircall:BaseAddress is not an absolute URL")]
    [InlineData("RateLimit:PermitLimit=sixty", "Aircall:RateLimit:PermitLimit 'sixty' is not a whole number")]
    [InlineData("RateLimit:PermitLimit=1.5", "Aircall:RateLimit:PermitLimit '1.5' is not a whole number")]
    [InlineData("RateLimit:Window=a minute", "Aircall:RateLimit:Window 'a minute' is not a TimeSpan (use the form 00:01:00)")]
    public async Task Unparsable_values_stop_the_host_naming_the_setting(string settings, string expectedMessage)
    {
        using var host = BuildHost(settings);

        var start = () => host.StartAsync(TestContext.Current.CancellationToken);

        (await start.Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Contain(expectedMessage);
    }

    [Fact]
    public void The_default_total_timeout_outlasts_any_rate_limit_window()
    {
        var resilience = new AircallResilienceOptions();

        resilience.GetTotalTimeout(TimeSpan.FromMinutes(1)).Should().Be(TimeSpan.FromMinutes(5));
        resilience.GetTotalTimeout(TimeSpan.FromMinutes(10)).Should().Be(TimeSpan.FromMinutes(30), "three windows when that is more");
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once()
    {
        using var host = BuildHost("ApiId=id;RateLimit:PermitLimit=0;RateLimit:Window=00:00:00");

        var start = () => host.StartAsync(TestContext.Current.CancellationToken);

        (await start.Should().ThrowAsync<OptionsValidationException>())
            .Which.Failures.Should().HaveCount(3);
    }

    [Fact]
    public async Task Options_set_in_code_are_validated_at_start_too()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddAircallCallSync(options => options.ApiToken = "token-without-id");
        using var host = builder.Build();

        var start = () => host.StartAsync(TestContext.Current.CancellationToken);

        await start.Should().ThrowAsync<OptionsValidationException>().WithMessage("*Aircall:ApiId is missing*");
    }

    [Theory]
    [InlineData("")]
    [InlineData("ApiId=id;ApiToken=token")]
    [InlineData("AccessToken=oauth;BaseAddress=http://127.0.0.1:5080/;RateLimit:PermitLimit=120;RateLimit:Window=00:01:00")]
    [InlineData("AccessToken=oauth;BaseAddress=https://api.aircall.io")]
    public async Task Valid_settings_start(string settings)
    {
        using var host = BuildHost(settings);

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static IHost BuildHost(string settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings
            .Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(setting => setting.Split('=', 2))
            .Select(pair => new KeyValuePair<string, string?>("Aircall:" + pair[0], pair[1])));
        builder.Services.AddAircallCallSync(builder.Configuration);
        return builder.Build();
    }
}
