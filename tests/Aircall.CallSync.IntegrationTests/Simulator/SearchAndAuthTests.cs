using System.Net.Http.Headers;
using Aircall.CallSync.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.IntegrationTests.Simulator;

public sealed class SearchAndAuthTests
{
    private static AircallSimulator Create(int calls = 400) => new(new AircallSimulatorOptions
    {
        CallCount = calls,
        RateLimit = 0,
        TimeProvider = new FakeTimeProvider(SimulatorHttp.Start),
    });

    private static async Task<List<long>> SearchAllAsync(HttpClient http, string filters)
    {
        var ids = new List<long>();
        string? url = "/v1/calls/search?per_page=50&" + filters;
        while (url is not null)
        {
            var page = await http.GetJsonAsync(url);
            ids.AddRange(page.Ids());
            url = page.GetProperty("meta").GetProperty("next_page_link").GetString();
        }

        return ids;
    }

    [Fact]
    public async Task Search_filters_by_direction_user_and_spaced_phone_number()
    {
        await using var sim = Create();
        using var http = SimulatorHttp.Client(sim);
        var all = sim.DefaultAccount.EnumerateCalls().ToList();
        var sample = all.First(c => c.User is not null && !c.IsAnonymous);

        (await SearchAllAsync(http, "direction=outbound")).Should().Equal(all.Where(c => c.IsOutbound).Select(c => c.Id));
        (await SearchAllAsync(http, $"user_id={sample.User!.Id}")).Should().Equal(all.Where(c => c.User?.Id == sample.User.Id).Select(c => c.Id));
        var byPhone = await SearchAllAsync(http, "phone_number=" + Uri.EscapeDataString(sample.RawDigits!.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal)));
        byPhone.Should().Contain(sample.Id).And.Equal(all.Where(c => c.RawDigits == sample.RawDigits).Select(c => c.Id));
    }

    [Fact]
    public async Task Repeated_tags_keys_match_calls_carrying_all_of_them_and_comma_joined_matches_nothing()
    {
        await using var sim = Create(2000);
        using var http = SimulatorHttp.Client(sim);
        var all = sim.DefaultAccount.EnumerateCalls().ToList();
        var both = all.Where(c => c.Tags!.Any(t => t.Id == 101) && c.Tags!.Any(t => t.Id == 102)).Select(c => c.Id).ToList();
        both.Should().NotBeEmpty();

        (await SearchAllAsync(http, "tags[]=101&tags[]=102")).Should().Equal(both);
        (await SearchAllAsync(http, "tags[]=101")).Count.Should().BeGreaterThan(both.Count);
        (await SearchAllAsync(http, "tags[]=101,102")).Should().BeEmpty();
    }

    [Fact]
    public async Task Missing_credentials_get_401_and_wrong_ones_403_with_edge_bodies()
    {
        await using var sim = Create(10);
        using var anonymous = new HttpClient(sim.CreateHandler()) { BaseAddress = sim.BaseAddress };
        using var wrong = SimulatorHttp.Client(sim, apiToken: "not-the-token");
        using var badBearer = new HttpClient(sim.CreateHandler()) { BaseAddress = sim.BaseAddress };
        badBearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "nope");

        (await anonymous.SendAsync(HttpMethod.Get, "/v1/ping")).Should().Be((401, """{"message":"Unauthorized"}"""));
        (await wrong.SendAsync(HttpMethod.Get, "/v1/calls")).Should().Be((403, """{"message":"Forbidden"}"""));
        (await badBearer.SendAsync(HttpMethod.Get, "/v1/calls")).Should().Be((403, """{"message":"Forbidden"}"""));
        sim.Requests.Should().OnlyContain(r => r.Account == null);
    }

    [Fact]
    public async Task Bearer_tokens_open_the_account_and_accounts_do_not_see_each_other()
    {
        await using var sim = Create(30);
        var other = sim.AddAccount("other-id", "other-token", callCount: 7, accessToken: "other-oauth");
        using var bearer = new HttpClient(sim.CreateHandler()) { BaseAddress = sim.BaseAddress };
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "other-oauth");
        using var main = SimulatorHttp.Client(sim);

        (await bearer.GetJsonAsync("/v1/calls")).GetProperty("meta").GetProperty("total").GetInt32().Should().Be(7);
        (await main.GetJsonAsync("/v1/calls")).GetProperty("meta").GetProperty("total").GetInt32().Should().Be(30);
        var mainCall = sim.DefaultAccount.EnumerateCalls().First().Id;
        (await bearer.SendAsync(HttpMethod.Get, $"/v1/calls/{mainCall}")).Status.Should().Be(404);
        (await main.SendAsync(HttpMethod.Get, $"/v1/calls/{mainCall}")).Status.Should().Be(200);
        (await bearer.SendAsync(HttpMethod.Post, "/v1/webhooks", """{"url":"https://example.test/hook"}""")).Status.Should().Be(201);
        other.GetWebhooks().Should().ContainSingle();
        sim.DefaultAccount.GetWebhooks().Should().BeEmpty();
        sim.Requests.Select(r => r.Account).Should().Contain(["other-id", sim.DefaultAccount.ApiId]);
    }

    [Fact]
    public async Task Call_actions_change_what_the_api_returns()
    {
        await using var sim = Create(50);
        using var http = SimulatorHttp.Client(sim);
        var call = sim.DefaultAccount.EnumerateCalls().First(c => c.Archived == false && c.Tags!.Count == 0);

        (await http.SendAsync(HttpMethod.Put, $"/v1/calls/{call.Id}/archive")).Body.Should().Contain("\"archived\":true");
        (await http.SendAsync(HttpMethod.Post, $"/v1/calls/{call.Id}/tags", """{"tags":[104]}""")).Status.Should().Be(201);
        (await http.SendAsync(HttpMethod.Post, $"/v1/calls/{call.Id}/tags", """{"tags":[999]}""")).Status.Should().Be(404);
        (await http.SendAsync(HttpMethod.Post, $"/v1/calls/{call.Id}/comments", """{"content":"Called back"}""")).Status.Should().Be(201);
        (await http.SendAsync(HttpMethod.Delete, $"/v1/calls/{call.Id}/recording")).Status.Should().Be(204);
        (await http.SendAsync(HttpMethod.Get, "/v1/calls/999999999999")).Status.Should().Be(404);

        var updated = sim.DefaultAccount.GetCall(call.Id)!;
        updated.Archived.Should().BeTrue();
        updated.Tags.Should().ContainSingle(t => t.Id == 104);
        updated.Comments.Should().Contain(c => c.Content == "Called back" && c.PostedBy == null);
        updated.Recording.Should().BeNull();
        (await SearchAllAsync(http, "tags[]=104")).Should().Contain(call.Id);
    }
}
