using Microsoft.Extensions.Options;

namespace Aircall.CallSync.OAuth;

/// <summary>Validates <see cref="AircallOAuthOptions"/> at start-up with messages that name the setting to fix.</summary>
internal sealed class AircallOAuthOptionsValidator : IValidateOptions<AircallOAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AircallOAuthOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("Aircall:OAuth:ClientId is missing: set it to the client_id Aircall issued for your app (ask Aircall's marketplace team).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("Aircall:OAuth:ClientSecret is missing: set it to the client_secret Aircall issued for your app, from a secret store (user secrets, environment, a vault).");
        }

        if (options.RedirectUri is null)
        {
            failures.Add("Aircall:OAuth:RedirectUri is missing: set it to the redirect_uri registered with Aircall, your OAuth callback, e.g. https://app.example.com/aircall/oauth/callback.");
        }
        else if (CheckUrl(options.RedirectUri) is { } problem)
        {
            failures.Add("Aircall:OAuth:RedirectUri " + problem);
        }

        if (options.AuthorizeEndpoint is null || !options.AuthorizeEndpoint.IsAbsoluteUri)
        {
            failures.Add("Aircall:OAuth:AuthorizeEndpoint must be an absolute URL; leave it unset for https://dashboard.aircall.io/oauth/authorize.");
        }

        if (options.SuccessUri is null || !options.SuccessUri.IsAbsoluteUri)
        {
            failures.Add("Aircall:OAuth:SuccessUri must be an absolute URL; leave it unset for https://dashboard.aircall.io/oauth/success.");
        }

        if (options.StateLifetime < TimeSpan.FromMinutes(1) || options.StateLifetime > TimeSpan.FromHours(1))
        {
            failures.Add($"Aircall:OAuth:StateLifetime is {options.StateLifetime}: it must be between 00:01:00 and 01:00:00 (default 00:10:00).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>What is wrong with a public URL of the app, or <c>null</c>: absolute, HTTPS (HTTP on loopback only), no user info.</summary>
    internal static string? CheckUrl(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return "is a relative URL: give the absolute HTTPS URL.";
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return "must not carry user info.";
        }

        if (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
        {
            return null;
        }

        return $"'{url.GetLeftPart(UriPartial.Path)}' is not HTTPS: Aircall requires HTTPS (HTTP is accepted for loopback hosts only, for tests).";
    }
}
