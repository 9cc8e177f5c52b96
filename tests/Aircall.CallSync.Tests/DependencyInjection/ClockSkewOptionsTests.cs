using Aircall.CallSync.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Tests.DependencyInjection;

/// <summary><c>Aircall:MaxClockSkew</c> and <c>Aircall:Webhooks:MaxClockSkew</c>: bound, defaulted and validated.</summary>
public sealed class ClockSkewOptionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Both_default_to_five_minutes_and_bind_from_configuration()
    {
        new AircallOptions().MaxClockSkew.Should().Be(TimeSpan.FromMinutes(5));
        new AircallWebhookOptions().MaxClockSkew.Should().Be(TimeSpan.FromMinutes(5));

        using var host = BuildHost("MaxClockSkew=00:02:00;Webhooks:MaxClockSkew=00:10:00");

        host.Services.GetRequiredService<IOptions<AircallOptions>>().Value.MaxClockSkew.Should().Be(TimeSpan.FromMinutes(2));
        host.Services.GetRequiredService<IOptions<AircallWebhookOptions>>().Value.MaxClockSkew.Should().Be(TimeSpan.FromMinutes(10));
    }

    [Theory]
    [InlineData("MaxClockSkew=00:00:00", "Aircall:MaxClockSkew is 00:00:00: it must be positive and at most one day")]
    [InlineData("MaxClockSkew=2.00:00:00", "Aircall:MaxClockSkew is 2.00:00:00")]
    [InlineData("Webhooks:MaxClockSkew=-00:01:00", "Aircall:Webhooks:MaxClockSkew is -00:01:00: it must be positive and at most one day")]
    [InlineData("Webhooks:MaxClockSkew=1.00:00:01", "Aircall:Webhooks:MaxClockSkew is 1.00:00:01")]
    public async Task Out_of_range_values_stop_the_host_naming_the_setting(string settings, string expectedMessage)
    {
        using var host = BuildHost(settings);

        var start = () => host.StartAsync(Ct);

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(expectedMessage);
    }

    [Fact]
    public void An_unparsable_value_names_the_setting()
    {
        var build = () => BuildHost("MaxClockSkew=five minutes").Services.GetRequiredService<IOptions<AircallOptions>>().Value;

        build.Should().Throw<InvalidOperationException>().WithMessage("*Aircall:MaxClockSkew 'five minutes' is not a TimeSpan (use the form 00:05:00)*");
    }

    private static IHost BuildHost(string settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings
            .Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(setting => setting.Split('=', 2))
            .Select(pair => new KeyValuePair<string, string?>("Aircall:" + pair[0], pair[1]))
            .Append(new KeyValuePair<string, string?>("Aircall:WebhookToken", "0123456789abcdef0123456789abcdef")));
        builder.Services.AddAircallCallSync(builder.Configuration).AddWebhooks();
        return builder.Build();
    }
}
