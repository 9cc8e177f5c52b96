using System.Globalization;
using System.Net;
using Aircall.CallSync.Benchmarks.Infrastructure;
using Aircall.CallSync.Benchmarks.Json;
using Newtonsoft.Json;

namespace Aircall.CallSync.Benchmarks.Sync;

/// <summary>
/// The loop Aircall's tutorials and most existing integrations write, for comparison: one <see cref="HttpClient"/>,
/// <c>GET /v1/calls?order=asc&amp;per_page=50</c>, follow <c>meta.next_page_link</c>, a fixed sleep between requests
/// (window ÷ limit, the rate the tutorial keeps), Newtonsoft.Json into POCOs, and on a 429 wait for
/// <c>X-AircallApi-Reset</c> and ask again. It has no answer to the 10,000-result cap: it stops at the first error.
/// </summary>
internal static class TutorialLoop
{
    public static async Task<TutorialOutcome> RunAsync(Uri baseAddress, string apiId, string apiToken, TimeSpan delay, Action<NewtonsoftModels.Call> sink, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = Fixtures.BasicAuth(apiId, apiToken);
        var next = new Uri("v1/calls?order=asc&per_page=50", UriKind.Relative);
        int requests = 0, rateLimited = 0, page = 1;
        var stopReason = "next_page_link was null";
        while (true)
        {
            using var response = await http.GetAsync(next, cancellationToken);
            requests++;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                rateLimited++;
                await Task.Delay(UntilReset(response), cancellationToken);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                stopReason = string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} on page {page} (the 10,000-result cap)");
                break;
            }

            var json = await response.Content.ReadAsStringAsync(cancellationToken);
            var list = JsonConvert.DeserializeObject<NewtonsoftModels.CallList>(json, NewtonsoftModels.Settings)!;
            foreach (var call in list.Calls ?? [])
            {
                sink(call);
            }

            if (list.Meta?.NextPageLink is not { } link)
            {
                break;
            }

            next = new Uri(link);
            page++;
            await Task.Delay(delay, cancellationToken);
        }

        return new TutorialOutcome(requests, rateLimited, stopReason);
    }

    private static TimeSpan UntilReset(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("X-AircallApi-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
        }

        return TimeSpan.FromSeconds(60);
    }
}
