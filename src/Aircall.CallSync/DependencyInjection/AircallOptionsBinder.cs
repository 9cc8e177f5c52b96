using System.Globalization;
using Aircall.CallSync;
using Aircall.CallSync.Sync;
using Aircall.CallSync.Webhooks;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Binds the SDK's options from the <c>Aircall</c> section by hand (no reflection, so the package stays trim- and
/// AOT-safe) and fails with the setting's name when a value cannot be read.
/// </summary>
internal static class AircallOptionsBinder
{
    internal static void Bind(IConfiguration section, AircallOptions options)
    {
        options.ApiId = section["ApiId"] ?? options.ApiId;
        options.ApiToken = section["ApiToken"] ?? options.ApiToken;
        options.AccessToken = section["AccessToken"] ?? options.AccessToken;
        options.AccountId = section["AccountId"] ?? options.AccountId;
        if (section["BaseAddress"] is { Length: > 0 } baseAddress)
        {
            options.BaseAddress = Uri.TryCreate(baseAddress, UriKind.Absolute, out var uri)
                ? uri
                // The value is not quoted: a malformed URL may hold credentials typed into it.
                : throw new InvalidOperationException("Aircall:BaseAddress is not an absolute URL: use the form https://api.aircall.io/.");
        }

        options.MaxClockSkew = ReadTimeSpan(section, "Aircall:MaxClockSkew", "00:05:00") ?? options.MaxClockSkew;
        var rateLimit = section.GetSection("RateLimit");
        options.RateLimit.PermitLimit = ReadInt(rateLimit, "Aircall:RateLimit:PermitLimit") ?? options.RateLimit.PermitLimit;
        options.RateLimit.Window = ReadTimeSpan(rateLimit, "Aircall:RateLimit:Window", "00:01:00") ?? options.RateLimit.Window;
        options.RateLimit.MaxResetWait = ReadTimeSpan(rateLimit, "Aircall:RateLimit:MaxResetWait", "00:02:00") ?? options.RateLimit.MaxResetWait;
        options.RateLimit.MinMargin = ReadTimeSpan(rateLimit, "Aircall:RateLimit:MinMargin", "00:00:00.010") ?? options.RateLimit.MinMargin;
        options.RateLimit.MaxMargin = ReadTimeSpan(rateLimit, "Aircall:RateLimit:MaxMargin", "00:00:01") ?? options.RateLimit.MaxMargin;

        var resilience = section.GetSection("Resilience");
        options.Resilience.MaxRetryAttempts = ReadInt(resilience, "Aircall:Resilience:MaxRetryAttempts") ?? options.Resilience.MaxRetryAttempts;
        options.Resilience.BaseDelay = ReadTimeSpan(resilience, "Aircall:Resilience:BaseDelay", "00:00:01") ?? options.Resilience.BaseDelay;
        options.Resilience.AttemptTimeout = ReadTimeSpan(resilience, "Aircall:Resilience:AttemptTimeout", "00:00:30") ?? options.Resilience.AttemptTimeout;
        options.Resilience.MaxResponseBodyBytes = ReadInt(resilience, "Aircall:Resilience:MaxResponseBodyBytes") ?? options.Resilience.MaxResponseBodyBytes;
        options.Resilience.TotalTimeout = ReadTimeSpan(resilience, "Aircall:Resilience:TotalTimeout", "00:05:00") ?? options.Resilience.TotalTimeout;
    }

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
        options.StoreTimeout = ReadTimeSpan(webhooks, "Aircall:Webhooks:StoreTimeout", "00:00:04") ?? options.StoreTimeout;
        options.MaxBodyBytes = ReadInt(webhooks, "Aircall:Webhooks:MaxBodyBytes") ?? options.MaxBodyBytes;
        options.MaxClockSkew = ReadTimeSpan(webhooks, "Aircall:Webhooks:MaxClockSkew", "00:05:00") ?? options.MaxClockSkew;
    }

    /// <param name="section">The <c>BatchSync</c> section.</param>
    /// <param name="options">The options to set.</param>
    internal static void Bind(IConfiguration section, AircallBatchSyncOptions options)
    {
        options.Interval = ReadTimeSpan(section, "Aircall:BatchSync:Interval", "00:15:00") ?? options.Interval;
        options.LookBack = ReadTimeSpan(section, "Aircall:BatchSync:LookBack", "1.00:00:00") ?? options.LookBack;
        if (section["From"] is { Length: > 0 } from)
        {
            var start = DateTimeOffset.TryParse(from, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
                ? value
                : throw new InvalidOperationException($"Aircall:BatchSync:From '{from}' is not a date (use ISO 8601, e.g. 2026-01-31T00:00:00Z).");
            options.Query = options.Query.WithRange(start, options.Query.To);
        }

        if (section["AccountId"] is { Length: > 0 } accountId)
        {
            options.AccountId = accountId;
        }

        if (section["RunOnStart"] is { Length: > 0 } runOnStart)
        {
            options.RunOnStart = bool.TryParse(runOnStart, out var value)
                ? value
                : throw new InvalidOperationException($"Aircall:BatchSync:RunOnStart '{runOnStart}' is not true or false.");
        }
    }

    private static int? ReadInt(IConfiguration section, string name)
        => section[name[(name.LastIndexOf(':') + 1)..]] is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidOperationException($"{name} '{text}' is not a whole number.")
            : null;

    private static TimeSpan? ReadTimeSpan(IConfiguration section, string name, string example)
        => section[name[(name.LastIndexOf(':') + 1)..]] is { Length: > 0 } text
            ? TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidOperationException($"{name} '{text}' is not a TimeSpan (use the form {example}).")
            : null;
}
