using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Webhooks;

/// <summary>
/// The default resolver: the tokens of <c>Aircall:WebhookToken</c>/<c>Aircall:WebhookTokens</c>, read when the first
/// delivery arrives (after start-up validation) and again whenever the configuration reloads, so a token can be
/// rotated without a restart. Constructing it reads nothing, which lets the options validator ask which resolver is in
/// use without recursing into the options it is validating.
/// </summary>
internal sealed class ConfiguredWebhookTokenResolver : IWebhookTokenResolver, IDisposable
{
    private readonly IOptionsMonitor<AircallWebhookOptions> _options;
    private readonly IDisposable? _subscription;
    private volatile StaticWebhookTokenResolver? _current;

    public ConfiguredWebhookTokenResolver(IOptionsMonitor<AircallWebhookOptions> options)
    {
        _options = options;
        _subscription = options.OnChange((_, name) =>
        {
            if (name is null || name.Length == 0)
            {
                _current = null;
            }
        });
    }

    public ValueTask<WebhookTokenMatch?> ResolveAsync(string token, CancellationToken cancellationToken)
        => (_current ??= Build(_options.CurrentValue)).ResolveAsync(token, cancellationToken);

    public void Dispose() => _subscription?.Dispose();

    // Padded tokens are reported by the options validator at start-up; they must not stop the resolver being built.
    private static StaticWebhookTokenResolver Build(AircallWebhookOptions options)
    {
        var tokens = new List<string>();
        foreach (var token in options.GetTokens())
        {
            if (StaticWebhookTokenResolver.IsWellFormed(token))
            {
                tokens.Add(token);
            }
        }

        return new StaticWebhookTokenResolver(tokens);
    }
}
