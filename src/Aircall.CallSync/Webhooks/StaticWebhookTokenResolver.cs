using System.Security.Cryptography;

namespace Aircall.CallSync.Webhooks;

/// <summary>
/// Resolves tokens against a fixed list (from <c>Aircall:WebhookToken</c>/<c>Aircall:WebhookTokens</c>, or given in
/// code with their accounts). Keeps only digests, compares against every entry in constant time, and rejects empty and
/// whitespace-padded tokens. Thread-safe.
/// </summary>
public sealed class StaticWebhookTokenResolver : IWebhookTokenResolver
{
    private readonly (byte[] Digest, string? AccountId)[] _entries;

    /// <summary>Creates a resolver for tokens of a single account.</summary>
    /// <param name="tokens">The webhook tokens.</param>
    public StaticWebhookTokenResolver(IEnumerable<string> tokens)
        : this(Pairs(tokens))
    {
    }

    /// <summary>Creates a resolver for tokens mapped to accounts.</summary>
    /// <param name="tokensToAccounts">Each webhook token with the id of its account.</param>
    public StaticWebhookTokenResolver(IEnumerable<KeyValuePair<string, string?>> tokensToAccounts)
    {
        ArgumentNullException.ThrowIfNull(tokensToAccounts);
        var entries = new List<(byte[], string?)>();
        foreach (var (token, account) in tokensToAccounts)
        {
            if (!IsWellFormed(token))
            {
                throw new ArgumentException("A webhook token is empty or has leading/trailing white space; copy it exactly as Aircall returned it.", nameof(tokensToAccounts));
            }

            entries.Add((WebhookTokenComparer.Digest(token), account));
        }

        _entries = [.. entries];
    }

    /// <summary>How many tokens are configured.</summary>
    public int Count => _entries.Length;

    /// <inheritdoc/>
    public ValueTask<WebhookTokenMatch?> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(token))
        {
            return ValueTask.FromResult<WebhookTokenMatch?>(null);
        }

        // Hash the received token once, then compare its digest with every entry, without stopping at the first match,
        // so timing does not reveal which matched.
        Span<byte> received = stackalloc byte[SHA256.HashSizeInBytes];
        WebhookTokenComparer.Digest(token, received);
        WebhookTokenMatch? match = null;
        foreach (var (digest, account) in _entries)
        {
            if (CryptographicOperations.FixedTimeEquals(received, digest) && match is null)
            {
                match = new WebhookTokenMatch(account);
            }
        }

        return ValueTask.FromResult(match);
    }

    internal static bool IsWellFormed(string? token)
        => !string.IsNullOrEmpty(token) && !char.IsWhiteSpace(token[0]) && !char.IsWhiteSpace(token[^1]);

    private static IEnumerable<KeyValuePair<string, string?>> Pairs(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        foreach (var token in tokens)
        {
            yield return new KeyValuePair<string, string?>(token, null);
        }
    }
}
