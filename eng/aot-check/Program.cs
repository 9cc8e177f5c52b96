using System.Net;
using System.Text;
using Aircall.CallSync;
using Aircall.CallSync.Api;
using Aircall.CallSync.Models;
using Microsoft.Extensions.DependencyInjection;

// Exercises the package the way an application does (DI, the client factory, Refit query objects, source-generated
// JSON, typed errors) against an in-process handler, and exits non-zero if anything came out wrong once trimmed.
var services = new ServiceCollection();
services.AddAircallCallSync(options =>
    {
        options.ApiId = "aot-check-id";
        options.ApiToken = "aot-check-token";
        options.BaseAddress = new Uri("https://api.test/");
    })
    .HttpClient.ConfigurePrimaryHttpMessageHandler(() => new CannedAircall());
await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<AircallClient>();
var failures = new List<string>();

var page = await client.Calls.SearchAsync(new CallSearchParameters
{
    From = DateTimeOffset.FromUnixTimeSeconds(1_646_389_735),
    Order = SortOrder.Descending,
    Direction = CallDirection.Inbound,
    TagIds = [1, 2],
    FetchContact = true,
}, CancellationToken.None);
Check(page.Calls.Count == 1 && page.Calls[0].Id == 780883160, "the page was not parsed");
Check(page.Calls[0].StartedAt == DateTimeOffset.FromUnixTimeSeconds(1_646_391_174), "started_at was not parsed");
Check(page.Calls[0].Status == CallStatus.Done && page.Calls[0].Tags?.Count == 1, "nested values were not parsed");
string[] expectedQuery = ["direction=inbound", "fetch_contact=true", "from=1646389735", "order=desc", "tags%5B%5D=1", "tags%5B%5D=2"];
Check(CannedAircall.LastQuery?.TrimStart('?').Split('&').Order(StringComparer.Ordinal).SequenceEqual(expectedQuery) == true,
    $"the query string was {CannedAircall.LastQuery}");
Check(CannedAircall.LastAuthorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("aot-check-id:aot-check-token")),
    "the Authorization header was wrong");

await client.Calls.CommentAsync(1, new CommentRequest { Content = "hello" }, CancellationToken.None);
Check(CannedAircall.LastBody == """{"content":"hello"}""", $"the body was {CannedAircall.LastBody}");

try
{
    await client.Ping.PingAsync(CancellationToken.None);
    failures.Add("a 403 did not throw");
}
catch (AircallAuthenticationException exception)
{
    Check(exception.AircallMessage == "Forbidden", "the error body was not parsed");
}

foreach (var failure in failures)
{
    Console.Error.WriteLine("aot-check: " + failure);
}

Console.WriteLine(failures.Count == 0 ? "aot-check: ok" : $"aot-check: {failures.Count} failure(s)");
return failures.Count == 0 ? 0 : 1;

void Check(bool condition, string failure)
{
    if (!condition)
    {
        failures.Add(failure);
    }
}

internal sealed class CannedAircall : HttpMessageHandler
{
    internal static string? LastQuery { get; private set; }

    internal static string? LastAuthorization { get; private set; }

    internal static string? LastBody { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LastAuthorization = request.Headers.Authorization?.ToString();
        var path = request.RequestUri!.AbsolutePath;
        if (path == "/v1/calls/search")
        {
            LastQuery = request.RequestUri.Query;
            return Json(HttpStatusCode.OK, """
                {"calls":[{"id":780883160,"direction":"inbound","status":"done","started_at":1646391174,
                  "tags":[{"id":1022984,"name":"Assess_Eng_Lvl","tagged_by":{},"tagged_at":1646391384}]}],
                 "meta":{"count":1,"total":1,"current_page":1,"per_page":20,"next_page_link":null}}
                """);
        }

        if (path == "/v1/calls/1/comments")
        {
            LastBody = await request.Content!.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new HttpResponseMessage(HttpStatusCode.Created);
        }

        return Json(HttpStatusCode.Forbidden, """{"message":"Forbidden"}""");
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json)
        => new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
