using Aircall.CallSync.Webhooks;

namespace Aircall.CallSync.Samples.Webhook;

/// <summary>
/// A token resolver whose tokens can be added while the app runs: the sample learns its webhook's token only once it has
/// registered the webhook (demo mode, <c>--register</c>). With tokens in configuration, the sample uses the SDK's default
/// resolver instead. Thread-safe; compares in constant time through <see cref="StaticWebhookTokenResolver"/>.
/// </summary>
internal sealed class RuntimeWebhookTokens : IWebhookTokenResolver
{
    private readonly Lock _lock = new();
    private readonly List<string> _tokens = [];
    private volatile StaticWebhookTokenResolver _resolver = new(Array.Empty<string>());

    public RuntimeWebhookTokens(IEnumerable<string> initial)
    {
        foreach (var token in initial)
        {
            Add(token);
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _tokens.Count;
            }
        }
    }

    public void Add(string token)
    {
        lock (_lock)
        {
            if (!_tokens.Contains(token, StringComparer.Ordinal))
            {
                _tokens.Add(token);
                _resolver = new StaticWebhookTokenResolver(_tokens);
            }
        }
    }

    public ValueTask<WebhookTokenMatch?> ResolveAsync(string token, CancellationToken cancellationToken)
        => _resolver.ResolveAsync(token, cancellationToken);
}
