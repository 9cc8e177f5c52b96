using Aircall.CallSync.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Aircall.CallSync.Tests;

/// <summary>An account id on credentials says which company they open, so Basic and Bearer keys of it share a budget.</summary>
public sealed class CredentialsAccountIdTests
{
    [Fact]
    public void Credentials_of_one_company_share_its_key_whatever_their_scheme()
    {
        var basic = MockAircall.BasicCredentials.WithAccountId("acme");
        var bearer = MockAircall.BearerCredentials.WithAccountId("acme");

        basic.AccountId.Should().Be("acme");
        basic.AccountKey.Should().Be("account:acme").And.Be(bearer.AccountKey);
        MockAircall.BasicCredentials.AccountId.Should().BeNull();
        MockAircall.BasicCredentials.AccountKey.Should().NotBe(MockAircall.BearerCredentials.AccountKey, "without an account id, each secret is its own account, as before");
        MockAircall.BasicCredentials.WithAccountId("other").AccountKey.Should().NotBe(basic.AccountKey);
    }

    [Fact]
    public void Equality_is_the_same_secret_and_the_same_account_id()
    {
        var basic = MockAircall.BasicCredentials;

        basic.WithAccountId("acme").Should().Be(AircallCredentials.Basic(MockAircall.ApiId, MockAircall.ApiToken).WithAccountId("acme"));
        basic.WithAccountId("acme").GetHashCode().Should().Be(basic.WithAccountId("acme").GetHashCode());
        basic.WithAccountId("acme").Should().NotBe(basic).And.NotBe(MockAircall.BearerCredentials.WithAccountId("acme"));
    }

    [Fact]
    public void The_account_id_never_brings_a_secret_into_ToString_or_the_key()
    {
        var basic = MockAircall.BasicCredentials.WithAccountId("acme");
        var bearer = MockAircall.BearerCredentials.WithAccountId("acme");

        basic.ToString().Should().Be("AircallCredentials (Basic, account acme)");
        bearer.ToString().Should().Be("AircallCredentials (Bearer, account acme)");
        foreach (var text in new[] { basic.ToString(), bearer.ToString(), basic.AccountKey, bearer.AccountKey })
        {
            text.Should().NotContain(MockAircall.ApiId).And.NotContain(MockAircall.ApiToken).And.NotContain(MockAircall.AccessToken)
                .And.NotContain(MockAircall.BasicParameter);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_account_id_is_refused(string? accountId)
    {
        var act = () => MockAircall.BasicCredentials.WithAccountId(accountId!);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void The_configured_credentials_carry_Aircall_AccountId_and_the_factory_keys_clients_by_it()
    {
        var options = new AircallOptions { AccessToken = MockAircall.AccessToken, AccountId = "acme" };
        options.GetCredentials()!.AccountKey.Should().Be("account:acme");

        using var aircall = new MockAircall();
        aircall.Client(MockAircall.BasicCredentials.WithAccountId("acme")).AccountKey
            .Should().Be(aircall.Client(MockAircall.BearerCredentials.WithAccountId("acme")).AccountKey);
    }
}
