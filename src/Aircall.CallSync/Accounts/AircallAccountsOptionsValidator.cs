using Aircall.CallSync.OAuth;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Accounts;

/// <summary>Validates <see cref="AircallAccountsOptions"/> at start-up with messages that name the setting to fix.</summary>
internal sealed class AircallAccountsOptionsValidator : IValidateOptions<AircallAccountsOptions>
{
    public ValidateOptionsResult Validate(string? name, AircallAccountsOptions options)
    {
        var failures = new List<string>();
        if (options.WebhookUrl is null)
        {
            failures.Add("Aircall:Accounts:WebhookUrl is missing: set it to the public HTTPS URL of your MapAircallWebhook endpoint, e.g. https://app.example.com/aircall/webhook; each installed account gets a webhook there.");
        }
        else if (AircallOAuthOptionsValidator.CheckUrl(options.WebhookUrl) is { } problem)
        {
            failures.Add("Aircall:Accounts:WebhookUrl " + problem);
        }

        if (!options.WebhookEvents.Contains(Webhooks.AircallWebhookEvents.IntegrationDeleted, StringComparer.Ordinal))
        {
            failures.Add("Aircall:Accounts webhook events lack integration.deleted: without it uninstalls go unnoticed and the account's token is kept. Add it to WebhookEvents.");
        }

        if (options.BackfillQuery is null)
        {
            failures.Add("Aircall:Accounts BackfillQuery is null: use CallQuery.All for every call.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
