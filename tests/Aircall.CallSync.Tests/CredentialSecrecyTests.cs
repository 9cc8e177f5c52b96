using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Aircall.CallSync.Api;
using Aircall.CallSync.Models;
using Aircall.CallSync.TestShared;
using Aircall.CallSync.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests;

/// <summary>Credentials never show in URLs, logs, traces, exception messages or <c>ToString()</c>.</summary>
public sealed class CredentialSecrecyTests : IDisposable
{
    private static readonly string[] Secrets = [MockAircall.ApiToken, MockAircall.AccessToken, MockAircall.BasicParameter];

    private readonly MockAircall _aircall = new(options =>
    {
        options.ApiId = MockAircall.ApiId;
        options.ApiToken = MockAircall.ApiToken;
    });

    public void Dispose() => _aircall.Dispose();

    [Fact]
    public void Credentials_name_only_their_scheme()
    {
        MockAircall.BasicCredentials.ToString().Should().Be("AircallCredentials (Basic)");
        MockAircall.BearerCredentials.ToString().Should().Be("AircallCredentials (Bearer)");
        ShouldHideSecrets(MockAircall.BasicCredentials.AccountKey);
        ShouldHideSecrets(MockAircall.BearerCredentials.AccountKey);
        MockAircall.BasicCredentials.AccountKey.Should().NotContain(MockAircall.ApiId);
    }

    [Fact]
    public void Options_and_clients_describe_themselves_without_secrets()
    {
        var options = new AircallOptions { ApiId = MockAircall.ApiId, ApiToken = MockAircall.ApiToken, AccessToken = MockAircall.AccessToken };
        var client = _aircall.Client();

        ShouldHideSecrets(options.ToString());
        options.ToString().Should().Contain("Bearer").And.NotContain(MockAircall.ApiId);
        var mistyped = new AircallOptions { BaseAddress = new Uri($"https://{MockAircall.ApiId}:{MockAircall.ApiToken}@api.test/v1?token={MockAircall.AccessToken}") };
        ShouldHideSecrets(mistyped.ToString());
        mistyped.ToString().Should().Contain("BaseAddress: https://api.test/v1,");
        ShouldHideSecrets(client.ToString());
        client.ToString().Should().Be($"AircallClient (account {client.AccountKey})");
    }

    [Fact]
    public void A_webhook_describes_itself_without_its_token()
    {
        var webhook = new Webhook { WebhookId = "c2501111", Url = "https://crm.example.com/hook", Active = true, Token = "df76g76dpziygs567f0" };

        webhook.ToString().Should().Contain("c2501111").And.NotContain("df76g76dpziygs567f0");
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, """{"message":"Forbidden"}""")]
    [InlineData(HttpStatusCode.Unauthorized, """{"message":"Unauthorized"}""")]
    [InlineData(HttpStatusCode.TooManyRequests, "")]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"Bad Request","troubleshoot":"Invalid from"}""")]
    public async Task Exceptions_never_carry_credentials(HttpStatusCode status, string body)
    {
        _aircall.Http.When(MockAircall.BaseUrl + "v1/calls").Respond(status, "application/json", body);

        var list = () => _aircall.Client().ListAsync(new CallListParameters { PerPage = 50 }, TestContext.Current.CancellationToken);

        var exception = (await list.Should().ThrowAsync<AircallApiException>()).Which;
        ShouldHideSecrets(exception.ToString());
        ShouldHideSecrets(exception.Message);
        ShouldHideSecrets(exception.RawBody);
        exception.Details.Path.Should().Be("/v1/calls");
    }

    [Fact]
    public async Task Urls_logs_and_traces_never_carry_credentials()
    {
        var tags = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AircallDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                tags.Enqueue(activity.DisplayName);
                foreach (var tag in activity.TagObjects)
                {
                    tags.Enqueue($"{tag.Key}={tag.Value}");
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        _aircall.Http.When(MockAircall.BaseUrl + "v1/ping").Respond("application/json", """{"ping":"pong"}""");
        _aircall.Http.When(MockAircall.BaseUrl + "v1/calls").Respond(HttpStatusCode.Forbidden, "application/json", """{"message":"Forbidden"}""");
        _aircall.Http.When(MockAircall.BaseUrl + "v1/webhooks").Respond(HttpStatusCode.TooManyRequests);
        var ct = TestContext.Current.CancellationToken;

        // The default client (configured credentials), a Basic client and a Bearer client from the factory.
        await _aircall.Services.GetRequiredService<AircallClient>().Ping.PingAsync(ct);
        await _aircall.Client(MockAircall.BearerCredentials).Ping.PingAsync(ct);
        await FluentActions.Awaiting(() => _aircall.Client().ListAsync(new CallListParameters { FetchContact = true }, ct))
            .Should().ThrowAsync<AircallAuthenticationException>();
        await FluentActions.Awaiting(() => _aircall.Client(MockAircall.BearerCredentials).Webhooks.ListAsync(cancellationToken: ct))
            .Should().ThrowAsync<AircallRateLimitedException>();

        _aircall.Sent.Should().HaveCount(4);
        _aircall.Sent.Should().OnlyContain(request => request.Uri.UserInfo.Length == 0);
        ShouldHideSecrets(string.Join('\n', _aircall.Sent.Select(request => request.Uri.ToString())));
        _aircall.Logs.Entries.Should().Contain(entry => entry.Contains("/v1/calls", StringComparison.Ordinal), "the requests were logged");
        ShouldHideSecrets(string.Join('\n', _aircall.Logs.Entries));
        tags.Should().Contain("aircall.endpoint=/v1/ping", "the requests were traced");
        ShouldHideSecrets(string.Join('\n', tags));
    }

    [Theory]
    [InlineData("ftp://fake-api-id-7f3a:fake-api-token-SECRET-91c2@api.test/")]
    [InlineData("https://fake-api-id-7f3a:fake-api-token-SECRET-91c2@api.test/")]
    public void Options_validation_never_repeats_credentials_put_in_the_base_address(string baseAddress)
    {
        var validator = new AircallOptionsValidator();

        var result = validator.Validate(Options.DefaultName, new AircallOptions { BaseAddress = new Uri(baseAddress) });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("Aircall:BaseAddress");
        ShouldHideSecrets(result.FailureMessage);
    }

    private static void ShouldHideSecrets(string? text)
    {
        foreach (var secret in Secrets)
        {
            (text ?? string.Empty).Should().NotContain(secret);
        }
    }
}
