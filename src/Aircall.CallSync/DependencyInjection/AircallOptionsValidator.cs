using Aircall.CallSync;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Validates <see cref="AircallOptions"/> at start-up with messages that name the setting to fix.</summary>
internal sealed class AircallOptionsValidator : IValidateOptions<AircallOptions>
{
    public ValidateOptionsResult Validate(string? name, AircallOptions options)
    {
        var failures = new List<string>();
        var hasId = !string.IsNullOrWhiteSpace(options.ApiId);
        var hasToken = !string.IsNullOrWhiteSpace(options.ApiToken);
        var hasAccessToken = !string.IsNullOrWhiteSpace(options.AccessToken);
        if (hasId != hasToken)
        {
            failures.Add(hasId
                ? "Aircall:ApiToken is missing: Basic auth needs both Aircall:ApiId and Aircall:ApiToken (Dashboard > Integrations & API > API Keys)."
                : "Aircall:ApiId is missing: Basic auth needs both Aircall:ApiId and Aircall:ApiToken (Dashboard > Integrations & API > API Keys).");
        }

        if (hasAccessToken && (hasId || hasToken))
        {
            failures.Add("Both Aircall:AccessToken and Aircall:ApiId/ApiToken are set: configure one kind of credentials, not both.");
        }

        if (options.BaseAddress is null)
        {
            failures.Add("Aircall:BaseAddress is empty: leave it unset for https://api.aircall.io/ or give an absolute http(s) URL.");
        }
        else if (!options.BaseAddress.IsAbsoluteUri)
        {
            failures.Add("Aircall:BaseAddress is a relative URL: give an absolute http(s) URL such as https://api.aircall.io/.");
        }
        else if (!string.IsNullOrEmpty(options.BaseAddress.Query) || !string.IsNullOrEmpty(options.BaseAddress.UserInfo))
        {
            // Checked before the scheme, and without quoting the URL, so credentials put there never reach a message.
            failures.Add("Aircall:BaseAddress must not carry a query string or user info: put credentials in Aircall:ApiId/ApiToken or Aircall:AccessToken.");
        }
        else if (options.BaseAddress.Scheme != Uri.UriSchemeHttps && options.BaseAddress.Scheme != Uri.UriSchemeHttp)
        {
            failures.Add($"Aircall:BaseAddress '{options.BaseAddress}' is not an absolute http(s) URL.");
        }
        else if (options.BaseAddress.AbsolutePath != "/")
        {
            // The SDK's routes start with /v1/: a base address of https://api.aircall.io/v1/ would send GET /v1/v1/calls.
            var origin = options.BaseAddress.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped) + "/";
            failures.Add($"Aircall:BaseAddress '{options.BaseAddress}' has a path ({options.BaseAddress.AbsolutePath}): write the origin only, '{origin}'. The SDK adds /v1/... to it itself.");
        }

        if (options.RateLimit is null)
        {
            failures.Add("Aircall:RateLimit is null.");
        }
        else
        {
            if (options.RateLimit.PermitLimit <= 0)
            {
                failures.Add($"Aircall:RateLimit:PermitLimit is {options.RateLimit.PermitLimit}: it must be at least 1 (Aircall allows 60 or 120 requests a minute per company).");
            }

            if (options.RateLimit.Window <= TimeSpan.Zero)
            {
                failures.Add($"Aircall:RateLimit:Window is {options.RateLimit.Window}: it must be a positive TimeSpan such as 00:01:00.");
            }
            else if (options.RateLimit.MaxResetWait is { } maxResetWait && maxResetWait < options.RateLimit.Window)
            {
                failures.Add($"Aircall:RateLimit:MaxResetWait is {maxResetWait}: it must be at least one window ({options.RateLimit.Window}), or unset for two windows; Aircall's resets are up to a window ahead.");
            }

            if (options.RateLimit.MinMargin < TimeSpan.Zero)
            {
                failures.Add($"Aircall:RateLimit:MinMargin is {options.RateLimit.MinMargin}: it must be zero or more (default 00:00:00.010).");
            }
            else if (options.RateLimit.MaxMargin < options.RateLimit.MinMargin)
            {
                failures.Add($"Aircall:RateLimit:MaxMargin ({options.RateLimit.MaxMargin}) is less than Aircall:RateLimit:MinMargin ({options.RateLimit.MinMargin}): the margin is kept between the two (default 00:00:00.010 to 00:00:01).");
            }
        }

        if (options.MaxClockSkew <= TimeSpan.Zero || options.MaxClockSkew > Aircall.CallSync.Storage.SnapshotVersion.MaxConfigurableSkew)
        {
            failures.Add($"Aircall:MaxClockSkew is {options.MaxClockSkew}: it must be positive and at most one day (the default, 00:05:00, suits NTP-synchronized hosts).");
        }

        if (options.Resilience is null)
        {
            failures.Add("Aircall:Resilience is null.");
        }
        else
        {
            var resilience = options.Resilience;
            if (resilience.MaxRetryAttempts < 0)
            {
                failures.Add($"Aircall:Resilience:MaxRetryAttempts is {resilience.MaxRetryAttempts}: it must be 0 (no retries) or more.");
            }

            if (resilience.BaseDelay <= TimeSpan.Zero)
            {
                failures.Add($"Aircall:Resilience:BaseDelay is {resilience.BaseDelay}: it must be positive, e.g. 00:00:01.");
            }

            if (resilience.AttemptTimeout <= TimeSpan.Zero)
            {
                failures.Add($"Aircall:Resilience:AttemptTimeout is {resilience.AttemptTimeout}: it must be positive, e.g. 00:00:30.");
            }

            if (resilience.MaxResponseBodyBytes < 65_536)
            {
                failures.Add($"Aircall:Resilience:MaxResponseBodyBytes is {resilience.MaxResponseBodyBytes}: it must be at least 65536 (a page of 50 calls is a few hundred KB).");
            }

            if (options.RateLimit is { Window: var window } && window > TimeSpan.Zero
                && resilience.GetTotalTimeout(window) <= window + resilience.AttemptTimeout)
            {
                failures.Add($"Aircall:Resilience:TotalTimeout ({resilience.GetTotalTimeout(window)}) must be longer than one rate-limit window plus one attempt ({window + resilience.AttemptTimeout}): a request queued behind a spent budget waits up to a window.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
