using System.Net;
using System.Reflection;
using Aircall.CallSync.IntegrationTests.Infrastructure;
using Aircall.CallSync.IntegrationTests.Samples;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Aircall.CallSync.IntegrationTests.Docs;

/// <summary>
/// The "Any other host" handler of docs/webhooks.md, compiled from the document and run on Kestrel at 127.0.0.1: a
/// delivery the store fails to save is answered 503, so Aircall retries it; the MVC result the document used to return
/// answers such a delivery 200 in a minimal API, and the event would be lost.
/// </summary>
[Collection(SharedFreshProjects.Name)]
public sealed class WebhookDocsTests(FreshProjects projects) : IAsyncLifetime
{
    private const string Token = "58ffd2bc5f3113f7bebf210a49299a1b"; // the token of the captured delivery below
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private WebApplication _app = null!;
    private Uri _address = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var block = DocBlock.Read(SampleProcess.RepoRoot, "docs/webhooks.md").Single(b => b.Code.Contains("class AircallWebhook", StringComparison.Ordinal));
        var documented = projects.Web.Load(block).GetType("AircallWebhook", throwOnError: true)!
            .GetMethod("HandleAsync", BindingFlags.Public | BindingFlags.Static)!
            .CreateDelegate<Func<AircallWebhookProcessor, HttpRequest, CancellationToken, Task<IResult>>>();

        var tokens = new StaticWebhookTokenResolver([Token]);
        var working = new AircallWebhookProcessor(new InMemoryCallStore(), tokens);
        var failing = new AircallWebhookProcessor(new FailingStore(), tokens);
        (_app, _address) = await LoopbackApp.StartAsync(null, app =>
        {
            app.MapPost("/documented", (HttpRequest request, CancellationToken cancellationToken) => documented(working, request, cancellationToken));
            app.MapPost("/documented-failing-store", (HttpRequest request, CancellationToken cancellationToken) => documented(failing, request, cancellationToken));
            app.MapPost("/mvc-result-failing-store", async (HttpRequest request, CancellationToken cancellationToken) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body, cancellationToken);
                var result = await failing.ProcessAsync(body.ToArray(), cancellationToken);
#pragma warning disable ASP0004 // the mistake under test: the document showed it before
                return new StatusCodeResult(result.StatusCode);
#pragma warning restore ASP0004
            });
        });
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_documented_handler_answers_503_when_the_store_fails_so_Aircall_retries()
    {
        using var response = await PostAsync("/documented-failing-store", Delivery());

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task The_documented_handler_answers_200_once_stored_and_401_for_another_token()
    {
        using var stored = await PostAsync("/documented", Delivery());
        using var unknownToken = await PostAsync("/documented", Delivery().Replace(Token, "0123456789abcdef0123456789abcdef", StringComparison.Ordinal));

        stored.StatusCode.Should().Be(HttpStatusCode.OK);
        unknownToken.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_mvc_StatusCodeResult_returned_from_a_minimal_api_answers_a_failed_write_200()
    {
        using var response = await PostAsync("/mvc-result-failing-store", Delivery());

        response.StatusCode.Should().Be(HttpStatusCode.OK, "this is why the document returns Results.StatusCode");
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("503");
    }

    private static string Delivery() => File.ReadAllText(Path.Combine(SampleProcess.RepoRoot, "tests", "fixtures", "aircall-samples", "webhooks", "call-ended-outbound-780836699.json"));

    private async Task<HttpResponseMessage> PostAsync(string path, string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        return await _http.PostAsync(new Uri(_address, path), content, Ct);
    }

    private sealed class FailingStore : ICallStore
    {
        public ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken) => throw new InvalidOperationException("the database is down");
    }
}
