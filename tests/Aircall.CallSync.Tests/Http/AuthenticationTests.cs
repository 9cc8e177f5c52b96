using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using Aircall.CallSync.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Http;

/// <summary>
/// The account handler in front of the IHttpClientFactory pipeline: the <c>Authorization</c> header for each kind of
/// credentials and each account, and the <c>User-Agent</c>.
/// </summary>
public sealed class AuthenticationTests : IDisposable
{
    private const string Ping = MockAircall.BaseUrl + "v1/ping";
    private const string Pong = """{"ping":"pong"}""";

    private readonly MockAircall _aircall = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _aircall.Dispose();

    [Fact]
    public async Task Basic_credentials_send_base64_of_api_id_colon_api_token()
    {
        _aircall.Http.When(Ping).Respond("application/json", Pong);

        await _aircall.Client(AircallCredentials.Basic("my-id", "my-token")).Ping.PingAsync(Ct);

        var authorization = _aircall.Sent.Single().Authorization!;
        authorization.Scheme.Should().Be("Basic");
        Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Parameter!)).Should().Be("my-id:my-token");
    }

    [Fact]
    public async Task Bearer_credentials_send_the_access_token_as_is()
    {
        _aircall.Http.When(Ping).Respond("application/json", Pong);

        await _aircall.Client(AircallCredentials.Bearer("oauth-token-123")).Ping.PingAsync(Ct);

        _aircall.Sent.Single().Authorization!.ToString().Should().Be("Bearer oauth-token-123");
    }

    [Fact]
    public void Credentials_refuse_blank_parts()
    {
        var noId = () => AircallCredentials.Basic(" ", "token");
        var noToken = () => AircallCredentials.Basic("id", "");
        var noAccessToken = () => AircallCredentials.Bearer(null!);

        noId.Should().Throw<ArgumentException>().WithParameterName("apiId");
        noToken.Should().Throw<ArgumentException>().WithParameterName("apiToken");
        noAccessToken.Should().Throw<ArgumentException>().WithParameterName("accessToken");
    }

    [Fact]
    public async Task User_agent_names_the_package_and_its_version()
    {
        _aircall.Http.When(Ping).Respond("application/json", Pong);

        await _aircall.Client().Ping.PingAsync(Ct);

        var assembly = typeof(AircallClient).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var expectedVersion = informational.Split('+')[0]; // the package version, without SourceLink's commit suffix
        _aircall.Sent.Single().UserAgent.Should().Be("Aircall.CallSync/" + expectedVersion);
        expectedVersion.Should().StartWith(assembly.GetName().Version!.ToString(3));
    }

    [Fact]
    public async Task Clients_of_different_accounts_each_send_their_own_credentials_even_concurrently()
    {
        _aircall.Http.When(Ping).Respond("application/json", Pong);
        var accounts = Enumerable.Range(0, 8)
            .Select(i => i % 2 == 0 ? AircallCredentials.Basic($"id-{i}", $"token-{i}") : AircallCredentials.Bearer($"oauth-{i}"))
            .ToArray();
        var clients = accounts.Select(credentials => _aircall.Factory.CreateClient(credentials)).ToArray();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => clients[i % clients.Length].Ping.PingAsync(Ct)));

        var sent = _aircall.Sent;
        sent.Should().HaveCount(40);
        var expectedHeaders = new[]
        {
            "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("id-0:token-0")),
            "Bearer oauth-1",
            "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("id-2:token-2")),
            "Bearer oauth-3",
        };
        sent.Select(request => request.Authorization!.ToString()).Distinct().Should().HaveCount(8).And.Contain(expectedHeaders);
        sent.GroupBy(request => request.Authorization!.ToString()).Should().OnlyContain(group => group.Count() == 5);
        clients.Select(client => client.AccountKey).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Equal_credentials_open_the_same_account_key()
    {
        var first = _aircall.Factory.CreateClient(AircallCredentials.Basic("id", "token"));
        var second = _aircall.Factory.CreateClient(AircallCredentials.Basic("id", "token"));
        var other = _aircall.Factory.CreateClient(AircallCredentials.Basic("id", "other-token"));

        second.AccountKey.Should().Be(first.AccountKey);
        other.AccountKey.Should().NotBe(first.AccountKey);
        AircallCredentials.Basic("id", "token").Should().Be(AircallCredentials.Basic("id", "token"));
        AircallCredentials.Bearer("token").Should().NotBe(AircallCredentials.Basic("id", "token"));
    }

    [Fact]
    public async Task A_client_per_account_id_asks_the_credential_provider_on_every_request()
    {
        using var aircall = new MockAircall(build: builder => builder.AddCredentialProvider<TenantCredentials>());
        aircall.Http.When(Ping).Respond("application/json", Pong);
        var provider = (TenantCredentials)aircall.Services.GetRequiredService<IAircallCredentialProvider>();
        var acme = aircall.Factory.CreateClient("acme");
        var globex = aircall.Factory.CreateClient("globex");

        await acme.Ping.PingAsync(Ct);
        await globex.Ping.PingAsync(Ct);
        provider.Tokens["acme"] = "acme-rotated-token";
        await acme.Ping.PingAsync(Ct);

        aircall.Sent.Select(request => request.Authorization!.ToString())
            .Should().Equal("Bearer acme-token", "Bearer globex-token", "Bearer acme-rotated-token");
        provider.Asked.Should().Equal("acme", "globex", "acme");
        acme.AccountKey.Should().Be("account:acme");
    }

    [Fact]
    public async Task An_unknown_account_fails_before_anything_is_sent()
    {
        using var aircall = new MockAircall(build: builder => builder.AddCredentialProvider<TenantCredentials>());
        aircall.Http.When(Ping).Respond("application/json", Pong);

        var ping = () => aircall.Factory.CreateClient("initech").Ping.PingAsync(Ct);

        await ping.Should().ThrowAsync<KeyNotFoundException>();
        aircall.Sent.Should().BeEmpty();
    }

    [Fact]
    public void A_client_per_account_id_without_a_provider_says_what_to_register()
    {
        var create = () => _aircall.Factory.CreateClient("acme");

        create.Should().Throw<InvalidOperationException>().WithMessage("*IAircallCredentialProvider*AddCredentialProvider*");
    }

    /// <summary>A multi-tenant application's token store: OAuth tokens by account id, replaceable at run time.</summary>
    private sealed class TenantCredentials : IAircallCredentialProvider
    {
        public ConcurrentDictionary<string, string> Tokens { get; } = new() { ["acme"] = "acme-token", ["globex"] = "globex-token" };

        public ConcurrentQueue<string> Asked { get; } = new();

        public ValueTask<AircallCredentials> GetCredentialsAsync(string accountId, CancellationToken cancellationToken)
        {
            Asked.Enqueue(accountId);
            return Tokens.TryGetValue(accountId, out var token)
                ? ValueTask.FromResult(AircallCredentials.Bearer(token))
                : throw new KeyNotFoundException($"No Aircall account '{accountId}'.");
        }
    }
}
