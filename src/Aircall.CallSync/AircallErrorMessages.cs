using System.Globalization;
using System.Net;
using System.Text;

namespace Aircall.CallSync;

/// <summary>Builds the actionable messages of <see cref="AircallApiException"/>.</summary>
internal static class AircallErrorMessages
{
    internal const string PaginationCapText = "limited to 10k results";

    internal static bool IsPaginationCap(AircallErrorDetails details)
        => details.StatusCode == HttpStatusCode.BadRequest
           && (Contains(details.Errors, PaginationCapText) || Contains(details.RawBody, PaginationCapText)
               || Contains(details.RawBody, "pagination is out of bound"));

    internal static string Describe(AircallErrorDetails details)
    {
        var builder = new StringBuilder();
        builder.Append("Aircall answered ")
            .Append((int)details.StatusCode)
            .Append(' ')
            .Append(ReasonOf(details.StatusCode));
        if (details.Method is not null || details.Path is not null)
        {
            builder.Append(" to ").Append(details.Method ?? "?").Append(' ').Append(details.Path ?? "?");
        }

        builder.Append(". ").Append(Advice(details));
        var said = details.Troubleshoot ?? details.Message ?? details.Error;
        if (!string.IsNullOrWhiteSpace(said))
        {
            builder.Append(" Aircall said: \"").Append(said).Append("\".");
        }

        return builder.ToString();
    }

    private static string Advice(AircallErrorDetails details)
    {
        if (IsPaginationCap(details))
        {
            return "The query passed Aircall's 10,000-result pagination cap: narrow the time window with from/to "
                   + "(CallQuery enumerations re-anchor the window for you).";
        }

        return (int)details.StatusCode switch
        {
            401 => "No credentials reached Aircall: configure Aircall:ApiId and Aircall:ApiToken, or Aircall:AccessToken.",
            403 => "Aircall rejected the credentials: check the api_id/api_token pair (Dashboard > Integrations & API) "
                   + "or the OAuth access token. 403 from Aircall means invalid credentials, not missing permissions.",
            404 => "The resource does not exist (or the route is unknown): check the id.",
            405 => "The resource is not in a state that allows this (e.g. the user is unavailable or recording is disabled).",
            422 => "Aircall rejected the request body: see Details.Errors for the fields.",
            429 => details.RateLimit?.ResetAt is { } reset
                ? string.Create(CultureInfo.InvariantCulture, $"Rate limited: the company's request budget is spent until {reset:yyyy-MM-dd HH:mm:ss}Z. Lower Aircall:RateLimit:PermitLimit or wait.")
                : "Rate limited: the company's request budget is spent. Wait a full window (60 s) or lower Aircall:RateLimit:PermitLimit.",
            400 => "Aircall rejected the request parameters.",
            >= 500 => "Aircall had a server error: retry later.",
            _ => "The request failed.",
        };
    }

    private static string ReasonOf(HttpStatusCode code) => code switch
    {
        HttpStatusCode.TooManyRequests => "Too Many Requests",
        HttpStatusCode.UnprocessableEntity => "Unprocessable Entity",
        _ => SplitWords(code.ToString()),
    };

    private static string SplitWords(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                builder.Append(' ');
            }

            builder.Append(name[i]);
        }

        return builder.ToString();
    }

    private static bool Contains(string? text, string value)
        => text is not null && text.Contains(value, StringComparison.OrdinalIgnoreCase);
}
