using Aircall.CallSync.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.DependencyInjection;

/// <summary>What <c>AddAircallCallSync</c> registers and binds, from code and from configuration.</summary>
public sealed class AddAircallCallSyncTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values)
        => new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(value => new KeyValuePair<string, string?>(value.Key, value.Value)))
            .Build();

    [Fact]
    public void Configuration_binds_every_setting_of_the_Aircall_section()
    {
        var services = new ServiceCollection();
        services.AddAircallCallSync(Configuration(
            ("Aircall:ApiId", "id-from-config"),
            ("Aircall:ApiToken", "token-from-config"),
            ("Aircall:BaseAddress", "http://127.0.0.1:5080/"),
            ("Aircall:RateLimit:PermitLimit", "120"),
            ("Aircall:RateLimit:Window", "00:00:30"),
            ("Aircall:RateLimit:MaxResetWait", "00:03:00"),
            ("Aircall:Resilience:MaxResponseBodyBytes", "1048576"),
            ("Other:ApiId", "not-ours")));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AircallOptions>>().Value;

        options.ApiId.Should().Be("id-from-config");
        options.ApiToken.Should().Be("token-from-config");
        options.AccessToken.Should().BeNull();
        options.BaseAddress.Should().Be(new Uri("http://127.0.0.1:5080/"));
        options.RateLimit.PermitLimit.Should().Be(120);
        options.RateLimit.Window.Should().Be(TimeSpan.FromSeconds(30));
        options.RateLimit.MaxResetWait.Should().Be(TimeSpan.FromMinutes(3));
        options.Resilience.MaxResponseBodyBytes.Should().Be(1_048_576);
        options.GetCredentials().Should().Be(AircallCredentials.Basic("id-from-config", "token-from-config"));
    }

    [Fact]
    public void Configuration_can_be_the_section_itself()
    {
        var services = new ServiceCollection();
        services.AddAircallCallSync(Configuration(("Tenant:AccessToken", "oauth-from-config")).GetSection("Tenant"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AircallOptions>>().Value;

        options.AccessToken.Should().Be("oauth-from-config");
        options.GetCredentials().Should().Be(AircallCredentials.Bearer("oauth-from-config"));
    }

    [Fact]
    public void Unset_settings_keep_their_defaults()
    {
        var services = new ServiceCollection();
        services.AddAircallCallSync(Configuration(("Aircall:ApiId", "id"), ("Aircall:ApiToken", "token")));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AircallOptions>>().Value;

        options.BaseAddress.Should().Be(new Uri("https://api.aircall.io/"));
        options.RateLimit.PermitLimit.Should().Be(60);
        options.RateLimit.Window.Should().Be(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Code_configuration_binds_the_same_settings()
    {
        var services = new ServiceCollection();
        services.AddAircallCallSync(options =>
        {
            options.AccessToken = "oauth-in-code";
            options.BaseAddress = new Uri("http://127.0.0.1:5081/");
            options.RateLimit.PermitLimit = 30;
            options.RateLimit.Window = TimeSpan.FromSeconds(10);
        });
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AircallOptions>>().Value;

        options.GetCredentials().Should().Be(AircallCredentials.Bearer("oauth-in-code"));
        options.BaseAddress.Port.Should().Be(5081);
        options.RateLimit.PermitLimit.Should().Be(30);
        options.RateLimit.Window.Should().Be(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_default_client_uses_the_configured_credentials_and_base_address()
    {
        using var aircall = new MockAircall(options =>
        {
            options.ApiId = MockAircall.ApiId;
            options.ApiToken = MockAircall.ApiToken;
        });
        aircall.Http.Expect(HttpMethod.Get, MockAircall.BaseUrl + "v1/ping")
            .WithHeaders("Authorization", "Basic " + MockAircall.BasicParameter)
            .Respond("application/json", """{"ping":"pong"}""");

        var client = aircall.Services.GetRequiredService<AircallClient>();
        var pong = await client.Ping.PingAsync(TestContext.Current.CancellationToken);

        aircall.Http.VerifyNoOutstandingExpectation();
        pong.Ping.Should().Be("pong");
        client.AccountKey.Should().Be(MockAircall.BasicCredentials.AccountKey);
        aircall.Services.GetRequiredService<AircallClient>().Should().BeSameAs(client, "the default client is a singleton");
    }

    [Fact]
    public void Without_credentials_there_is_no_default_client_but_the_factory_works()
    {
        using var aircall = new MockAircall();

        var resolve = () => aircall.Services.GetRequiredService<AircallClient>();

        resolve.Should().Throw<InvalidOperationException>()
            .WithMessage("No Aircall credentials are configured*Aircall:ApiId*Aircall:AccessToken*IAircallClientFactory*");
        aircall.Factory.CreateClient(MockAircall.BearerCredentials).Should().NotBeNull();
    }

    [Fact]
    public void Registering_twice_keeps_one_factory_and_one_validator()
    {
        var services = new ServiceCollection();
        services.AddAircallCallSync(options => options.ApiId = "id");
        services.AddAircallCallSync(options => options.ApiToken = "token");

        services.Count(descriptor => descriptor.ServiceType == typeof(IAircallClientFactory)).Should().Be(1);
        services.Count(descriptor => descriptor.ServiceType == typeof(IValidateOptions<AircallOptions>)).Should().Be(1);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IOptions<AircallOptions>>().Value.GetCredentials()
            .Should().Be(AircallCredentials.Basic("id", "token"), "both configurations apply");
    }
}
