using System.Net;

namespace Aircall.CallSync.Samples.Partner;

/// <summary>
/// Plays an Aircall admin's browser through an install, over real HTTP: open the dashboard's install link, then follow
/// every redirect as a browser does, with the cookies each site sets (the simulator's "logged-in admin", the app's state
/// cookie): dashboard → the app's install URI → the consent page → the app's callback → the success page. Only
/// loopback addresses are followed.
/// </summary>
internal static class InstallWalk
{
    private const int MaxRedirects = 10;

    /// <summary>What the browser ended on: the last status and address, and the path of each step (never a query: it holds the code and state).</summary>
    public sealed record Outcome(HttpStatusCode Status, Uri FinalUrl, IReadOnlyList<string> Steps);

    public static async Task<Outcome> RunAsync(Uri dashboardInstallLink, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        var url = dashboardInstallLink;
        var steps = new List<string>();
        for (var hop = 0; ; hop++)
        {
            if (!url.IsLoopback)
            {
                throw new InvalidOperationException($"The install redirected to {url.GetLeftPart(UriPartial.Authority)}, which is not on this machine: the demo only talks to 127.0.0.1.");
            }

            steps.Add($"{url.Port}{url.AbsolutePath}");
            using var response = await browser.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                if (hop == MaxRedirects)
                {
                    throw new InvalidOperationException($"The install redirected more than {MaxRedirects} times: {string.Join(" → ", steps)}.");
                }

                url = new Uri(url, location);
                continue;
            }

            return new Outcome(response.StatusCode, url, steps);
        }
    }
}
