using Aircall.CallSync.Api;
using Aircall.CallSync.Models;
using Aircall.CallSync.Testing.Data;

namespace Aircall.CallSync.Testing.Webhooks;

/// <summary>An account's webhooks, in creation order. Thread-safe.</summary>
internal sealed class WebhookRegistry(long seed, long salt)
{
    public const int MaxWebhooks = 100;

    private readonly Lock _lock = new();
    private readonly List<SimulatedWebhook> _webhooks = [];
    private SplitMix _random = new(seed, salt, 11);
    private long _nextLegacyId = 9000 + (salt % 1000 * 1000);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _webhooks.Count;
            }
        }
    }

    /// <summary>Whether deliveries can go to <paramref name="url"/>: an absolute http or https URL.</summary>
    public static bool IsDeliverable(Uri url) => url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);

    /// <summary>Registers a webhook; <c>null</c> when the account has <see cref="MaxWebhooks"/> already.</summary>
    /// <param name="request">Its URL (required), name and events (none: every event).</param>
    /// <param name="now">Its creation time.</param>
    /// <param name="token">Its token; <c>null</c>: 32 hex digits from the seed, as Aircall generates one.</param>
    /// <param name="owner">The client id of the OAuth app whose token created it; <c>null</c> for Basic or the dashboard.</param>
    public Webhook? Create(WebhookRequest request, DateTimeOffset now, string? token = null, string? owner = null)
    {
        lock (_lock)
        {
            if (_webhooks.Count >= MaxWebhooks)
            {
                return null;
            }

            // Drawn even when a token is given, so the webhooks created after it get the same tokens either way.
            var generated = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_random.NextUInt64():x16}{_random.NextUInt64():x16}");
            var webhook = new SimulatedWebhook
            {
                WebhookId = NewUuid(),
                LegacyId = _nextLegacyId++,
                CreatedAt = now,
                Token = token ?? generated,
                Url = request.Url!,
                CustomName = request.CustomName,
                Events = [.. request.Events ?? []],
                Owner = owner,
            };
            _webhooks.Add(webhook);
            return webhook.ToModel();
        }
    }

    /// <summary>The webhook when <paramref name="owner"/> may see it (see <see cref="List"/>).</summary>
    public Webhook? Get(string id, string? owner)
    {
        lock (_lock)
        {
            return Find(id, owner)?.ToModel();
        }
    }

    public Webhook? Update(string id, WebhookRequest request, string? eventsAction, string? owner)
    {
        lock (_lock)
        {
            var webhook = Find(id, owner);
            if (webhook is null)
            {
                return null;
            }

            webhook.Url = request.Url ?? webhook.Url;
            webhook.CustomName = request.CustomName ?? webhook.CustomName;
            var events = request.Events ?? [];
            webhook.Events = eventsAction switch
            {
                "add" => [.. webhook.Events.Union(events, StringComparer.Ordinal)],
                "remove" => [.. webhook.Events.Except(events, StringComparer.Ordinal)],
                _ => [.. events],
            };
            if (request.Active == true)
            {
                webhook.Active = true;
                webhook.ConsecutiveFailures = 0;
            }
            else if (request.Active == false)
            {
                webhook.Active = false;
            }

            return webhook.ToModel();
        }
    }

    /// <summary>Deletes a webhook <paramref name="owner"/> may see; <see cref="AllOwners"/> deletes any.</summary>
    public bool Delete(string id, string? owner = AllOwners)
    {
        lock (_lock)
        {
            var webhook = Find(id, owner);
            return webhook is not null && _webhooks.Remove(webhook);
        }
    }

    /// <summary>
    /// A page of the webhooks <paramref name="owner"/> sees: an OAuth app's token sees the webhooks created with that
    /// app's tokens only; Basic credentials (<c>null</c>) see the others; <see cref="AllOwners"/> sees every one.
    /// </summary>
    public (int Total, Webhook[] Page) List(int offset, int limit, bool descending, string? owner = AllOwners)
    {
        lock (_lock)
        {
            var visible = _webhooks.FindAll(w => Sees(owner, w));
            var total = visible.Count;
            var page = new List<Webhook>();
            for (var k = offset; k < offset + limit && k < total; k++)
            {
                page.Add(visible[descending ? total - 1 - k : k].ToModel());
            }

            return (total, [.. page]);
        }
    }

    /// <summary>The webhooks created with an OAuth token (of <paramref name="clientId"/>'s app, or of any app when <c>null</c>).</summary>
    public List<(string Id, string Url, string Token, string Owner, bool Active)> OAuthWebhooks(string? clientId)
    {
        lock (_lock)
        {
            var found = new List<(string, string, string, string, bool)>();
            foreach (var webhook in _webhooks)
            {
                if (webhook.Owner is { } owner && (clientId is null || string.Equals(owner, clientId, StringComparison.Ordinal)))
                {
                    found.Add((webhook.WebhookId, webhook.Url, webhook.Token, owner, webhook.Active));
                }
            }

            return found;
        }
    }

    /// <summary>Active webhooks subscribed to the event: (id, url, token).</summary>
    public List<(string Id, string Url, string Token)> Targets(string eventName)
    {
        lock (_lock)
        {
            var targets = new List<(string, string, string)>();
            foreach (var webhook in _webhooks)
            {
                if (webhook.Active && webhook.Subscribes(eventName))
                {
                    targets.Add((webhook.WebhookId, webhook.Url, webhook.Token));
                }
            }

            return targets;
        }
    }

    /// <summary>Records an attempt's outcome; returns <c>false</c> when the webhook is (now) inactive or gone.</summary>
    public bool Report(string id, bool succeeded, int deactivateAfter)
    {
        lock (_lock)
        {
            var webhook = Find(id);
            if (webhook is null)
            {
                return false;
            }

            if (succeeded)
            {
                webhook.ConsecutiveFailures = 0;
                return webhook.Active;
            }

            webhook.ConsecutiveFailures++;
            if (deactivateAfter > 0 && webhook.ConsecutiveFailures >= deactivateAfter)
            {
                webhook.Active = false;
            }

            return webhook.Active;
        }
    }

    /// <summary>Stands for "whoever created it" where the caller is the simulator itself, not an API client.</summary>
    public const string AllOwners = "\u0000all";

    private static bool Sees(string? owner, SimulatedWebhook webhook)
        => ReferenceEquals(owner, AllOwners) || string.Equals(owner, webhook.Owner, StringComparison.Ordinal);

    private SimulatedWebhook? Find(string id, string? owner = AllOwners)
    {
        foreach (var webhook in _webhooks)
        {
            if (Sees(owner, webhook) && string.Equals(webhook.WebhookId, id, StringComparison.OrdinalIgnoreCase)
                || string.Equals(webhook.LegacyId.ToString(System.Globalization.CultureInfo.InvariantCulture), id, StringComparison.Ordinal))
            {
                return webhook;
            }
        }

        return null;
    }

    private string NewUuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, _random.NextUInt64());
        BitConverter.TryWriteBytes(bytes[8..], _random.NextUInt64());
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }
}
