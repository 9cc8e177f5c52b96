using System.Globalization;
using Aircall.CallSync.Webhooks;
using Microsoft.Extensions.Configuration;

namespace Aircall.CallSync.DependencyInjection;

/// <summary>
/// Binds <see cref="AircallOptions"/> from configuration by hand (no reflection, so the package stays trim- and
/// AOT-safe) and fails with the setting's name when a value cannot be read.
/// </summary>
internal static class AircallOptionsBinder
{
    internal static void Bind(IConfiguration section, AircallOptions options)
    {
        options.ApiId = section["ApiId"] ?? options.ApiId;
        options.ApiToken = section["ApiToken"] ?? options.ApiToken;
        options.AccessToken = section["AccessToken"] ?? options.AccessToken;
        if (section["BaseAddress"] is { Length: > 0 } baseAddress)
        {
            options.BaseAddress = Uri.TryCreate(baseAddress, UriKind.Absolute, out var uri)
                ? uri
                // The value is not quoted: a malformed URL may hold credentials typed into it.
                : throw new InvalidOperationException("Aircall:BaseAddress is not an absolute URL: use the form https://api.aircall.io/.");
        }

        var rateLimit = section.GetSection("RateLimit");
        if (rateLimit["PermitLimit"] is { Length: > 0 } permitLimit)
        {
            options.RateLimit.PermitLimit = int.TryParse(permitLimit, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidOperationException($"Aircall:RateLimit:PermitLimit '{permitLimit}' is not a whole number.");
        }

        if (rateLimit["Window"] is { Length: > 0 } window)
        {
            options.RateLimit.Window = TimeSpan.TryParse(window, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidOperationException($"Aircall:RateLimit:Window '{window}' is not a TimeSpan (use the form 00:01:00).");
        }

        BindResilience(section.GetSection("Resilience"), options.Resilience);
    }

    private static void BindResilience(IConfiguration section, AircallResilienceOptions options)
    {
        if (section["MaxRetryAttempts"] is { Length: > 0 } retries)
        {
            options.MaxRetryAttempts = int.TryParse(retries, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidOperationException($"Aircall:Resilience:MaxRetryAttempts '{retries}' is not a whole number.");
        }

        options.BaseDelay = ReadTimeSpan(section, "BaseDelay") ?? options.BaseDelay;
        options.AttemptTimeout = ReadTimeSpan(section, "AttemptTimeout") ?? options.AttemptTimeout;
        options.TotalTimeout = ReadTimeSpan(section, "TotalTimeout") ?? options.TotalTimeout;
    }

    private static TimeSpan? ReadTimeSpan(IConfiguration section, string name)
        => section[name] is { Length: > 0 } text
            ? TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidOperationException($"Aircall:Resilience:{name} '{text}' is not a TimeSpan (use the form 00:00:30).")
            : null;

    internal static void Bind(IConfiguration section, AircallWebhookOptions options)
    {
        options.WebhookToken = section["WebhookToken"] ?? options.WebhookToken;
        foreach (var child in section.GetSection("WebhookTokens").GetChildren())
        {
            if (child.Value is { Length: > 0 } token)
            {
                options.WebhookTokens.Add(token);
            }
        }

        var webhooks = section.GetSection("Webhooks");
        if (webhooks["StoreTimeout"] is { Length: > 0 } timeout)
        {
            options.StoreTimeout = TimeSpan.TryParse(timeout, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidOperationException($"Aircall:Webhooks:StoreTimeout '{timeout}' is not a TimeSpan (use the form 00:00:04).");
        }

        if (webhooks["MaxBodyBytes"] is { Length: > 0 } maxBody)
        {
            options.MaxBodyBytes = int.TryParse(maxBody, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidOperationException($"Aircall:Webhooks:MaxBodyBytes '{maxBody}' is not a whole number.");
        }
    }
}
