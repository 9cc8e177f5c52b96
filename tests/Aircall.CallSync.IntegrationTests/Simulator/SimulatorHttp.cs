using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Aircall.CallSync.Testing;

namespace Aircall.CallSync.IntegrationTests.Simulator;

/// <summary>Raw HTTP access to a simulator, in memory.</summary>
internal static class SimulatorHttp
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static HttpClient Client(AircallSimulator sim, string? apiId = null, string? apiToken = null)
    {
        var client = new HttpClient(sim.CreateHandler()) { BaseAddress = sim.BaseAddress };
        var id = apiId ?? sim.DefaultAccount.ApiId;
        var token = apiToken ?? sim.DefaultAccount.ApiToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(id + ":" + token)));
        return client;
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.IsSuccessStatusCode.Should().BeTrue($"GET {url} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<(int Status, string Body)> SendAsync(this HttpClient client, HttpMethod method, string url, string? json = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static long[] Ids(this JsonElement page)
        => [.. page.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("id").GetInt64())];
}
