using Aircall.CallSync.Testing;
using Microsoft.Extensions.Configuration;

namespace Aircall.CallSync.Samples.Common;

/// <summary>
/// Demo mode: without Aircall credentials a sample runs against an <see cref="AircallSimulator"/> on 127.0.0.1, into a
/// database of its own, so simulated calls never end up in the database of your real account.
/// </summary>
public static class DemoMode
{
    /// <summary>Whether API credentials are configured: <c>Aircall:ApiId</c>/<c>ApiToken</c> or <c>Aircall:AccessToken</c>.</summary>
    /// <param name="configuration">The sample's configuration.</param>
    public static bool HasApiCredentials(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration["Aircall:ApiId"])
               || !string.IsNullOrWhiteSpace(configuration["Aircall:ApiToken"])
               || !string.IsNullOrWhiteSpace(configuration["Aircall:AccessToken"]);
    }

    /// <summary>
    /// <c>ConnectionStrings:Calls</c> when set; otherwise <c>Data Source=calls.db</c>, or <paramref name="demoDatabase"/>
    /// in demo mode (each demo has its own).
    /// </summary>
    /// <param name="configuration">The sample's configuration.</param>
    /// <param name="demo">Whether the sample runs its demo.</param>
    /// <param name="demoDatabase">The demo's file, e.g. <c>batch-demo.db</c>.</param>
    public static string CallsConnectionString(IConfiguration configuration, bool demo, string demoDatabase)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetConnectionString("Calls") is { Length: > 0 } configured
            ? configured
            : $"Data Source={(demo ? demoDatabase : "calls.db")}";
    }

    /// <summary>
    /// Starts <paramref name="simulator"/> on 127.0.0.1 and points the SDK's settings at it: its account's credentials
    /// (any configured ones are overridden) and its address as <c>Aircall:BaseAddress</c>, plus <paramref name="settings"/>.
    /// Returns the simulator's address.
    /// </summary>
    /// <param name="configuration">The sample's configuration (later sources win, so this one does).</param>
    /// <param name="simulator">The simulator.</param>
    /// <param name="settings">More settings, e.g. the demo's rate limit.</param>
    public static async Task<Uri> UseSimulatorAsync(IConfigurationBuilder configuration, AircallSimulator simulator, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(simulator);
        var address = await simulator.StartKestrelAsync().ConfigureAwait(false);
        var values = new Dictionary<string, string?>
        {
            ["Aircall:ApiId"] = simulator.DefaultAccount.ApiId,
            ["Aircall:ApiToken"] = simulator.DefaultAccount.ApiToken,
            ["Aircall:AccessToken"] = "",
            ["Aircall:BaseAddress"] = address.ToString(),
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        configuration.AddInMemoryCollection(values);
        return address;
    }
}
