using System.Runtime.CompilerServices;
using Aircall.CallSync.Api;
using Aircall.CallSync.Models;

namespace Aircall.CallSync.Webhooks;

/// <summary>Idempotent webhook management on top of <see cref="IWebhooksApi"/>.</summary>
public static class WebhookManagementExtensions
{
    private const int PageSize = 50;

    /// <summary>Every webhook of the account, across all pages.</summary>
    /// <param name="webhooks">The webhooks API of the account.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public static async IAsyncEnumerable<Webhook> ListAllWebhooksAsync(this IWebhooksApi webhooks, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        for (var page = 1; ; page++)
        {
            var list = await webhooks.ListAsync(new ListParameters { Page = page, PerPage = PageSize }, cancellationToken).ConfigureAwait(false);
            foreach (var webhook in list.Webhooks)
            {
                yield return webhook;
            }

            if (list.Webhooks.Count == 0 || (list.Meta is { } meta && meta.NextPageLink is null) || (list.Meta is null && list.Webhooks.Count < PageSize))
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// Makes sure the account has an active webhook for <paramref name="url"/> subscribed to <paramref name="events"/>:
    /// finds it by URL across all pages, creates it when missing, or updates its events and re-activates it when they
    /// differ or Aircall disabled it. Safe to call at every start. Returns the webhook with its token.
    /// </summary>
    /// <param name="webhooks">The webhooks API of the account.</param>
    /// <param name="url">The public HTTPS URL of your endpoint.</param>
    /// <param name="events">The events; by default the 19 call events (<see cref="AircallWebhookEvents.CallEvents"/>).</param>
    /// <param name="customName">A name shown in Aircall; optional.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public static async Task<Webhook> EnsureWebhookAsync(this IWebhooksApi webhooks, Uri url, IReadOnlyCollection<string>? events = null, string? customName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException("The webhook URL must be absolute (Aircall requires HTTPS with a valid certificate).", nameof(url));
        }

        var desired = events ?? AircallWebhookEvents.CallEvents;
        var existing = await FindAsync(webhooks, url, cancellationToken).ConfigureAwait(false);
        Webhook? result;
        if (existing is null)
        {
            var created = await webhooks.CreateAsync(new WebhookRequest { Url = url.AbsoluteUri, Events = [.. desired], CustomName = customName }, cancellationToken).ConfigureAwait(false);
            result = created.Webhook;
        }
        else if (existing.Active != true || !SameEvents(existing.Events, desired) || (customName is not null && customName != existing.CustomName))
        {
            var updated = await webhooks.UpdateAsync(
                existing.WebhookId ?? throw new InvalidOperationException("Aircall returned a webhook without webhook_id."),
                new WebhookRequest { Url = url.AbsoluteUri, Events = [.. desired], CustomName = customName ?? existing.CustomName, Active = true },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            result = updated.Webhook ?? existing;
        }
        else
        {
            result = existing;
        }

        if (result is null)
        {
            throw new InvalidOperationException("Aircall did not return the webhook.");
        }

        if (string.IsNullOrEmpty(result.Token) && result.WebhookId is { } id)
        {
            result = (await webhooks.GetAsync(id, cancellationToken).ConfigureAwait(false)).Webhook ?? result;
        }

        return result;
    }

    /// <summary>Deletes every webhook of the account registered for <paramref name="url"/>; returns how many.</summary>
    /// <param name="webhooks">The webhooks API of the account.</param>
    /// <param name="url">The URL to unregister.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public static async Task<int> DeleteWebhooksAsync(this IWebhooksApi webhooks, Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        ArgumentNullException.ThrowIfNull(url);
        var matches = new List<string>();
        await foreach (var webhook in webhooks.ListAllWebhooksAsync(cancellationToken).ConfigureAwait(false))
        {
            if (SameUrl(webhook.Url, url) && webhook.WebhookId is { } id)
            {
                matches.Add(id);
            }
        }

        foreach (var id in matches)
        {
            await webhooks.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        }

        return matches.Count;
    }

    private static async Task<Webhook?> FindAsync(IWebhooksApi webhooks, Uri url, CancellationToken cancellationToken)
    {
        Webhook? found = null;
        await foreach (var webhook in webhooks.ListAllWebhooksAsync(cancellationToken).ConfigureAwait(false))
        {
            // Prefer an active one when several share the URL.
            if (SameUrl(webhook.Url, url) && (found is null || (found.Active != true && webhook.Active == true)))
            {
                found = webhook;
            }
        }

        return found;
    }

    private static bool SameUrl(string? candidate, Uri url)
        => candidate is not null && Uri.TryCreate(candidate, UriKind.Absolute, out var parsed)
           && string.Equals(parsed.AbsoluteUri.TrimEnd('/'), url.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static bool SameEvents(IReadOnlyList<string>? current, IReadOnlyCollection<string> desired)
    {
        if (current is null || current.Count == 0)
        {
            // Aircall's "all events" matches a request for all events only.
            return desired.Count == 0;
        }

        var set = new HashSet<string>(current, StringComparer.Ordinal);
        return set.SetEquals(desired);
    }
}
