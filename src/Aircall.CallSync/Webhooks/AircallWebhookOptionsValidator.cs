using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Webhooks;

/// <summary>
/// Validates <see cref="AircallWebhookOptions"/> at start-up, including that the token resolver actually in use can
/// accept something: the built-in resolver needs at least one configured token; a resolver of your own is trusted.
/// </summary>
internal sealed class AircallWebhookOptionsValidator(IServiceProvider services) : IValidateOptions<AircallWebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, AircallWebhookOptions options)
    {
        var failures = new List<string>();
        foreach (var token in options.GetTokens())
        {
            if (!StaticWebhookTokenResolver.IsWellFormed(token))
            {
                failures.Add("A configured webhook token has leading or trailing white space: copy it exactly as Aircall returned it.");
                break;
            }
        }

        if (failures.Count == 0 && services.GetService<IWebhookTokenResolver>() is ConfiguredWebhookTokenResolver && options.GetTokens().Count == 0)
        {
            failures.Add("No webhook token is configured: set Aircall:WebhookToken (the token Aircall returns when the webhook is "
                         + "created, not the API token), or Aircall:WebhookTokens, or register your own IWebhookTokenResolver with AddWebhookTokenResolver.");
        }

        if (options.StoreTimeout <= TimeSpan.Zero || options.StoreTimeout >= TimeSpan.FromSeconds(5))
        {
            failures.Add($"Aircall:Webhooks:StoreTimeout is {options.StoreTimeout}: it must be positive and under Aircall's 5-second delivery timeout.");
        }

        if (options.MaxBodyBytes < 1024)
        {
            failures.Add($"Aircall:Webhooks:MaxBodyBytes is {options.MaxBodyBytes}: it must be at least 1024 (deliveries are a few KiB).");
        }

        if (options.MaxClockSkew <= TimeSpan.Zero || options.MaxClockSkew > Storage.SnapshotVersion.MaxConfigurableSkew)
        {
            failures.Add($"Aircall:Webhooks:MaxClockSkew is {options.MaxClockSkew}: it must be positive and at most one day (the default, 00:05:00, suits NTP-synchronized hosts).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
