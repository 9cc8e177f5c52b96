using Aircall.CallSync.Api;
using Aircall.CallSync.Http;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Api;

public sealed class SmokeTests
{
    [Fact]
    public async Task List_sends_query_object_with_unix_seconds_and_only_true_flags()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, "https://api.test/v1/calls")
            .WithExactQueryString("from=1700000000&per_page=50&fetch_contact=true")
            .Respond("application/json", """{"calls":[{"id":1,"status":"done"}],"meta":{"count":1,"total":1}}""");
        var client = AircallClientFactory.CreateClient(
            mock.ToHttpClient() is var http && (http.BaseAddress = new Uri("https://api.test/")) is not null ? http : http,
            AircallClientFactory.CreateRefitSettings(new FakeTimeProvider()),
            "k");

        var page = await client.Calls.ListAsync(new CallListParameters
        {
            From = DateTimeOffset.FromUnixTimeSeconds(1700000000).ToOffset(TimeSpan.FromHours(5)),
            PerPage = 50,
            FetchContact = true,
            FetchShortUrls = false,
        }, TestContext.Current.CancellationToken);

        page.Calls.Should().ContainSingle().Which.Id.Should().Be(1);
        mock.VerifyNoOutstandingExpectation();
    }
}
