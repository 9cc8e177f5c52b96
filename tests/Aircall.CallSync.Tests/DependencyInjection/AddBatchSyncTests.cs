using Aircall.CallSync.Models;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Tests.DependencyInjection;

/// <summary>AddBatchSync: settings from Aircall:BatchSync, validation at start-up, what it needs registered.</summary>
public sealed class AddBatchSyncTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Settings_bind_from_the_BatchSync_section_and_code_has_the_last_word()
    {
        using var host = BuildHost("Interval=00:05:00;LookBack=02:00:00;From=2026-01-31T00:00:00Z;RunOnStart=false;AccountId=customer-7", o => o.LookBack = TimeSpan.FromHours(3));

        var options = host.Services.GetRequiredService<IOptions<AircallBatchSyncOptions>>().Value;

        options.Interval.Should().Be(TimeSpan.FromMinutes(5));
        options.LookBack.Should().Be(TimeSpan.FromHours(3));
        options.Query.From.Should().Be(new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero));
        options.RunOnStart.Should().BeFalse();
        options.AccountId.Should().Be("customer-7");
        host.Services.GetRequiredService<ICheckpointStore>().Should().BeOfType<InMemoryCheckpointStore>("the default, when none is registered");
        host.Services.GetServices<IHostedService>().Should().ContainSingle();
    }

    [Fact]
    public void A_query_set_in_code_replaces_the_configured_From_unless_built_from_it()
    {
        using var replaced = BuildHost("From=2026-01-31T00:00:00Z", o => o.Query = new CallQuery { Direction = CallDirection.Inbound });
        using var kept = BuildHost("From=2026-01-31T00:00:00Z", o => o.Query = new CallQuery { From = o.Query.From, Direction = CallDirection.Inbound });

        var replacedQuery = replaced.Services.GetRequiredService<IOptions<AircallBatchSyncOptions>>().Value.Query;
        var keptQuery = kept.Services.GetRequiredService<IOptions<AircallBatchSyncOptions>>().Value.Query;

        replacedQuery.From.Should().BeNull("configuration was applied first; the delegate's new query replaced it");
        keptQuery.From.Should().Be(new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero));
        keptQuery.Direction.Should().Be(CallDirection.Inbound);
    }

    [Theory]
    [InlineData("Interval=00:00:00", "Aircall:BatchSync:Interval is 00:00:00: it must be positive")]
    [InlineData("LookBack=-01:00:00", "Aircall:BatchSync:LookBack is -01:00:00")]
    public async Task Invalid_settings_stop_the_host_with_a_clear_message(string settings, string expected)
    {
        using var host = BuildHost(settings);

        var start = () => host.StartAsync(Ct);

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(expected);
    }

    [Theory]
    [InlineData("Interval=every hour", "Aircall:BatchSync:Interval 'every hour' is not a TimeSpan")]
    [InlineData("From=yesterday", "Aircall:BatchSync:From 'yesterday' is not a date")]
    public async Task Unparsable_settings_name_the_setting(string settings, string expected)
    {
        using var host = BuildHost(settings);

        var start = () => host.StartAsync(Ct);

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain(expected);
    }

    [Fact]
    public void Without_a_call_store_the_error_says_what_to_register()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddAircallCallSync(o => (o.ApiId, o.ApiToken) = ("id", "token")).AddBatchSync();
        using var host = builder.Build();

        var resolve = () => host.Services.GetServices<IHostedService>().ToList();

        resolve.Should().Throw<InvalidOperationException>().WithMessage("*No ICallStore is registered*AddSingleton<ICallStore*");
    }

    private static IHost BuildHost(string batchSettings, Action<AircallBatchSyncOptions>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(
            batchSettings.Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(setting => setting.Split('=', 2))
                .Select(pair => new KeyValuePair<string, string?>("Aircall:BatchSync:" + pair[0], pair[1]))
                .Append(new("Aircall:ApiId", "fake-id"))
                .Append(new("Aircall:ApiToken", "fake-token"))
                .Append(new("Aircall:BaseAddress", "http://127.0.0.1:9/")));
        builder.Services.AddSingleton<ICallStore, InMemoryCallStore>();
        builder.Services.AddAircallCallSync(builder.Configuration).AddBatchSync(configure);
        return builder.Build();
    }
}
