using Aircall.CallSync.Webhooks;

namespace Aircall.CallSync.Tests.Webhooks;

public sealed class WebhookTokenTests
{
    private const string Good = "0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData(Good, true)]
    [InlineData("0123456789abcdef0123456789abcdeF", false)]
    [InlineData("0123456789abcdef0123456789abcde", false)]
    [InlineData("0123456789abcdef0123456789abcdef0", false)]
    [InlineData(" 0123456789abcdef0123456789abcdef", false)]
    [InlineData("0123456789abcdef0123456789abcdef ", false)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    public async Task Static_resolver_accepts_only_the_exact_token(string received, bool accepted)
    {
        var resolver = new StaticWebhookTokenResolver([Good]);

        var match = await resolver.ResolveAsync(received, CancellationToken.None);

        match.HasValue.Should().Be(accepted);
    }

    [Fact]
    public async Task Static_resolver_maps_each_token_to_its_account_and_rejects_others()
    {
        var resolver = new StaticWebhookTokenResolver(
        [
            new KeyValuePair<string, string?>("token-of-account-a-000000000000000", "account-a"),
            new KeyValuePair<string, string?>("token-of-account-b-000000000000000", "account-b"),
        ]);

        (await resolver.ResolveAsync("token-of-account-a-000000000000000", CancellationToken.None)).Should().Be(new WebhookTokenMatch("account-a"));
        (await resolver.ResolveAsync("token-of-account-b-000000000000000", CancellationToken.None)).Should().Be(new WebhookTokenMatch("account-b"));
        (await resolver.ResolveAsync("token-of-account-c-000000000000000", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public void Static_resolver_refuses_to_be_configured_with_a_padded_token()
    {
        var act = () => new StaticWebhookTokenResolver([Good + "\n"]);

        act.Should().Throw<ArgumentException>().WithMessage("*white space*");
    }

    [Fact]
    public void Comparer_matches_equal_tokens_of_any_length_and_nothing_else()
    {
        var longToken = new string('x', 10_000);

        WebhookTokenComparer.Matches(longToken, longToken).Should().BeTrue();
        WebhookTokenComparer.Matches(longToken, longToken[..^1]).Should().BeFalse();
        WebhookTokenComparer.Matches("é-token", "é-token").Should().BeTrue();
        WebhookTokenComparer.Matches("e-token", "é-token").Should().BeFalse();
    }
}
