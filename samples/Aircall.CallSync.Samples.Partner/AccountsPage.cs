using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Aircall.CallSync.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Aircall.CallSync.Samples.Partner;

/// <summary>
/// <c>GET /</c>: the installed accounts and their sync state, server-rendered HTML with no script and no external asset:
/// account and company id, name, status, calls stored (counted in the calls table), last webhook, last sync, last
/// error; in demo mode, each simulator company's install link. Plain semantic markup (a captioned table with header
/// cells) so that screen readers and tests find their way by names.
/// </summary>
internal static class AccountsPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static async Task<IResult> RenderAsync(
        IAircallAccountStore accounts, IDbContextFactory<PartnerDbContext> contexts, DemoState? demo, CancellationToken cancellationToken)
    {
        var rows = new List<AircallAccount>();
        await foreach (var account in accounts.ListAsync(cancellationToken))
        {
            rows.Add(account);
        }

        var counts = await PartnerDatabase.CountCallsByAccountAsync(contexts, cancellationToken);
        return Results.Content(Render(rows, counts, demo), "text/html; charset=utf-8");
    }

    internal static string Render(IReadOnlyList<AircallAccount> accounts, IReadOnlyDictionary<string, long> counts, DemoState? demo)
    {
        var html = new StringBuilder(8 * 1024);
        html.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Aircall accounts · Aircall.CallSync partner sample</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; background: #fff; }
            table { border-collapse: collapse; margin-top: .5rem; }
            caption { text-align: left; font-weight: 600; padding: .25rem 0; }
            th, td { border: 1px solid #767676; padding: .3rem .6rem; text-align: left; vertical-align: top; }
            thead th { background: #eee; }
            td.number { text-align: right; font-variant-numeric: tabular-nums; }
            .status-Active { color: #0a5c0a; } .status-NeedsReinstall, .error { color: #a00000; }
            a:focus, a:hover { outline: 2px solid #0b57d0; }
            .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
            </style>
            </head>
            <body>
            <main>
            <h1>Aircall accounts</h1>

            """);
        var active = accounts.Count(a => a.Status == AircallAccountStatus.Active);
        long stored = 0;
        foreach (var count in counts.Values)
        {
            stored += count;
        }

        html.Append(CultureInfo.InvariantCulture, $"<p id=\"summary\">{accounts.Count} accounts installed, {active} active; {stored} calls stored. <a href=\"/\">Reload</a></p>\n");
        if (accounts.Count == 0)
        {
            html.Append(demo is null
                ? "<p id=\"no-accounts\">No account has installed the app yet: an Aircall admin installs it from the Aircall dashboard, which opens this app's install URI.</p>\n"
                : "<p id=\"no-accounts\">No account has installed the app yet: use an Install link below.</p>\n");
        }
        else
        {
            html.Append("""
                <table id="accounts">
                <caption>Installed accounts and their sync state</caption>
                <thead><tr>
                <th scope="col">Account</th><th scope="col">Company id</th><th scope="col">Name</th><th scope="col">Status</th>
                <th scope="col">Calls stored</th>
                """);
            if (demo is not null)
            {
                html.Append("<th scope=\"col\">Calls at the simulator</th>");
            }

            html.Append("<th scope=\"col\">Last webhook</th><th scope=\"col\">Last backfill or sync</th><th scope=\"col\">Last error</th>");
            if (demo is not null)
            {
                html.Append("<th scope=\"col\">Install</th>");
            }

            html.Append("\n</tr></thead>\n<tbody>\n");
            foreach (var account in accounts)
            {
                var id = E(account.AccountId);
                html.Append(CultureInfo.InvariantCulture, $"<tr id=\"account-{id}\" data-account-id=\"{id}\">");
                html.Append(CultureInfo.InvariantCulture, $"<th scope=\"row\" data-field=\"account\">{id}</th>");
                html.Append(CultureInfo.InvariantCulture, $"<td data-field=\"company\">{(account.CompanyId is { } company ? company.ToString(CultureInfo.InvariantCulture) : "")}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td data-field=\"name\">{E(account.Name ?? "")}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td data-field=\"status\" class=\"status-{account.Status}\">{account.Status}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td data-field=\"calls\" class=\"number\">{counts.GetValueOrDefault(account.AccountId)}</td>");
                DemoCompany? demoCompany = null;
                if (demo is not null)
                {
                    var atSimulator = account.CompanyId is { } companyId ? demo.CallsAtSimulator(companyId) : null;
                    html.Append(CultureInfo.InvariantCulture, $"<td data-field=\"simulator-calls\" class=\"number\">{atSimulator?.ToString(CultureInfo.InvariantCulture) ?? ""}</td>");
                    demoCompany = account.CompanyId is { } known ? demo.Find(known) : null;
                }

                html.Append(CultureInfo.InvariantCulture, $"<td data-field=\"last-webhook\">{Time(account.LastWebhookAt)}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td data-field=\"last-sync\">{Time(account.LastSyncAt)}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td data-field=\"last-error\"{(account.LastError is null ? "" : " class=\"error\"")}>{(account.LastError is null ? "" : E(account.LastError) + " " + Time(account.LastErrorAt))}</td>");
                if (demo is not null)
                {
                    html.Append(demoCompany is null
                        ? "<td></td>"
                        : $"<td><a href=\"{E(demoCompany.InstallLink.ToString())}\">Install again<span class=\"visually-hidden\"> for {E(demoCompany.Name)}</span></a></td>");
                }

                html.Append("</tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        if (demo is not null)
        {
            var installedCompanies = accounts.Where(a => a.CompanyId is not null && a.Status != AircallAccountStatus.Uninstalled).Select(a => a.CompanyId!.Value).ToHashSet();
            var waiting = demo.Companies.Where(company => !installedCompanies.Contains(company.CompanyId)).ToList();
            html.Append("<h2 id=\"simulator-companies\">Companies on the simulator</h2>\n");
            html.Append(CultureInfo.InvariantCulture, $"<p>The demo's Aircall simulator listens on {E(demo.Simulator?.ToString() ?? "")}. An Install link plays an admin who clicks Install in the Aircall dashboard: it opens this app's install URI, which sends the browser to the consent page, which the simulator approves, back to this app's callback.</p>\n");
            if (waiting.Count == 0)
            {
                html.Append("<p id=\"all-installed\">Every company has installed the app.</p>\n");
            }
            else
            {
                html.Append("<ul id=\"not-installed\">\n");
                foreach (var company in waiting)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<li data-company-id=\"{company.CompanyId}\">{E(company.Name)} (company {company.CompanyId}, {demo.CallsAtSimulator(company.CompanyId)?.ToString(CultureInfo.InvariantCulture) ?? "?"} calls): <a href=\"{E(company.InstallLink.ToString())}\" id=\"install-{company.CompanyId}\">Install the app in {E(company.Name)}</a></li>\n");
                }

                html.Append("</ul>\n");
            }
        }

        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string E(string text) => Html.Encode(text);

    private static string Time(DateTimeOffset? time) => time is { } value
        ? $"<time datetime=\"{value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}\">{value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC</time>"
        : "";
}
