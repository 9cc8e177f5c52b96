using System.Net;
using Aircall.CallSync.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Api;

public sealed class PingApiTests : IDisposable
{
    private readonly MockAircall _aircall = new();

    public void Dispose() => _aircall.Dispose();

    [Fact]
    public async Task Ping_gets_v1_ping_with_the_credentials_and_reads_pong()
    {
        _aircall.Http.Expect(HttpMethod.Get, MockAircall.BaseUrl + "v1/ping")
            .WithExactQueryString(string.Empty)
            .WithHeaders("Authorization", "Basic " + MockAircall.BasicParameter)
            .WithHeaders("Accept", "application/json")
            .Respond("application/json", """{"ping":"pong"}""");

        var response = await _aircall.Client().Ping.PingAsync(TestContext.Current.CancellationToken);

        _aircall.Http.VerifyNoOutstandingExpectation();
        response.Ping.Should().Be("pong");
    }

    [Fact]
    public async Task Ping_with_rejected_credentials_throws_the_authentication_exception()
    {
        _aircall.Http.Expect(HttpMethod.Get, MockAircall.BaseUrl + "v1/ping")
            .Respond(HttpStatusCode.Forbidden, "application/json", """{"message":"Forbidden"}""");

        var ping = () => _aircall.Client().Ping.PingAsync(TestContext.Current.CancellationToken);

        (await ping.Should().ThrowAsync<AircallAuthenticationException>())
            .Which.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
