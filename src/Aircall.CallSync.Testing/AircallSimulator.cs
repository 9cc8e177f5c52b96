using System.Net;
using Aircall.CallSync.Testing.Data;
using Aircall.CallSync.Testing.Http;
using Aircall.CallSync.Testing.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aircall.CallSync.Testing;

/// <summary>
/// A simulated Aircall Public API: seeded calls shaped like real payloads, Aircall's paging and 10,000-result cap,
/// per-account rate limits with <c>X-AircallApi-*</c> headers, 401/403 semantics, scripted and random faults, and
/// webhook deliveries. Serve it in memory with <see cref="CreateHandler"/> (fast tests) or over real HTTP on
/// 127.0.0.1 with <see cref="StartKestrelAsync"/>; both share the same state. Thread-safe. Dispose it to stop the hosts.
/// </summary>
/// <example>
/// <code>
/// await using var sim = new AircallSimulator(new AircallSimulatorOptions { CallCount = 500 });
/// using var http = new HttpClient(sim.CreateHandler()) { BaseAddress = sim.BaseAddress };
/// </code>
/// </example>
public sealed class AircallSimulator : IAsyncDisposable, IDisposable
{
    private static readonly Uri s_inMemoryAddress = new("http://localhost/");

    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<SimulatedAccount> _accounts = [];
    private readonly Dictionary<long, SimulatedAccount> _byCompany = [];
    private readonly Dictionary<string, SimulatedAccount> _byApiId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimulatedAccount> _byAccessToken = new(StringComparer.Ordinal);
    private readonly List<SimulatorRequest> _requests = [];
    private readonly SimulatorEndpoints _endpoints;
    private readonly DateTimeOffset _periodEnd;
    private int _requestCount;
    private int _rateLimitedCount;
    private IHost? _memoryHost;
    private IHost? _kestrelHost;
    private Uri? _kestrelAddress;

    /// <summary>Creates the simulator and generates the default account's calls (nothing listens until asked).</summary>
    /// <param name="options">Settings; <c>null</c> for the defaults (100 calls, seed 42, 60 requests a minute).</param>
    public AircallSimulator(AircallSimulatorOptions? options = null)
    {
        Options = options ?? new AircallSimulatorOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(Options.CallCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.TimeScale);
        if (!(Options.OddPayloadRate is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.OddPayloadRate, "OddPayloadRate must be between 0 and 1.");
        }

        OddPayloads = new OddPayloads(Options.Seed, Options.OddPayloadRate, Options.OddPayloadShapes);
        var clock = Options.TimeProvider ?? TimeProvider.System;
        TimeProvider = Options.TimeScale == 1 ? clock : new ScaledTimeProvider(clock, Options.TimeScale);
        _periodEnd = Options.PeriodEnd ?? TimeProvider.GetUtcNow();
        Media = new SimulatorMedia(this);
        _endpoints = new SimulatorEndpoints(this);
        Faults = new SimulatorFaults(Options);
        Webhooks = new SimulatorWebhooks(this);
        OAuth = new SimulatorOAuth(this);
        DefaultAccount = AddAccount(Options.ApiId, Options.ApiToken, Options.CallCount, Options.AccessToken, Options.CallsInBusiestSecond);
    }

    /// <summary>The settings the simulator was created with.</summary>
    public AircallSimulatorOptions Options { get; }

    /// <summary>The simulator's clock (the options' clock, scaled when <see cref="AircallSimulatorOptions.TimeScale"/> is not 1).</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The account opened by the options' credentials.</summary>
    public SimulatedAccount DefaultAccount { get; }

    /// <summary>Scripted faults.</summary>
    public SimulatorFaults Faults { get; }

    /// <summary>Webhook deliveries.</summary>
    public SimulatorWebhooks Webhooks { get; }

    /// <summary>Recordings and voicemails: their signed links, sizes, download faults and downloads.</summary>
    public SimulatorMedia Media { get; }
    /// <summary>Aircall's side of OAuth for technology partners: apps, consent, codes, tokens, uninstall.</summary>
    public SimulatorOAuth OAuth { get; }

    /// <summary>The company id the default account gets; each account added after it gets the next one.</summary>
    public const long FirstCompanyId = 100_001;

    /// <summary>
    /// Where clients should send requests: <c>http://127.0.0.1:{port}/</c> once Kestrel runs, otherwise
    /// <c>http://localhost/</c> (the in-memory handler's address).
    /// </summary>
    public Uri BaseAddress => _kestrelAddress ?? s_inMemoryAddress;

    /// <summary>Every request received so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<SimulatorRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>
    /// The odd shapes (<see cref="AircallSimulatorOptions.OddPayloadRate"/>) every response and webhook delivery that
    /// carries this call sends it with; <see cref="SimulatorOddShapes.None"/> when it is sent as documented. A pure
    /// function of the seed and the id, the same for every account; a shape changes a field only where that field is
    /// present and not <c>null</c> in the response.
    /// </summary>
    /// <param name="callId">A call id.</param>
    public SimulatorOddShapes OddShapesOf(long callId) => OddPayloads.ShapesOf(callId);

    internal OddPayloads OddPayloads { get; }

    /// <summary>How many requests were answered 429.</summary>
    public int RateLimitedCount => Volatile.Read(ref _rateLimitedCount);

    /// <summary>Every account, the default one first, in the order they were added (a snapshot).</summary>
    public IReadOnlyList<SimulatedAccount> Accounts
    {
        get
        {
            lock (_lock)
            {
                return [.. _accounts];
            }
        }
    }

    /// <summary>
    /// Adds an account with its own credentials, calls (same period as the default account), webhooks and rate limit.
    /// </summary>
    /// <param name="apiId">Its api_id; unique.</param>
    /// <param name="apiToken">Its api_token.</param>
    /// <param name="callCount">How many calls to generate.</param>
    /// <param name="accessToken">An OAuth access token that opens it too, or <c>null</c>.</param>
    /// <returns>The account.</returns>
    public SimulatedAccount AddAccount(string apiId, string apiToken, int callCount = 0, string? accessToken = null)
        => AddAccount(apiId, apiToken, callCount, accessToken, 0);

    /// <summary>
    /// Adds <paramref name="count"/> companies, each with its own company id (the next free ones), calls (generated from
    /// the seed on first use, so a hundred accounts of thousands of calls cost nothing until read), webhooks and rate
    /// limit. Their Basic credentials are <c>sim-company-{companyId}</c> / <c>sim-api-token-{companyId}</c>; OAuth tokens
    /// come from the install flow (<see cref="OAuth"/>).
    /// </summary>
    /// <param name="count">How many companies.</param>
    /// <param name="callCount">How many calls each one has.</param>
    /// <returns>The new accounts, in company id order.</returns>
    public IReadOnlyList<SimulatedAccount> AddAccounts(int count, int callCount = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var added = new List<SimulatedAccount>(count);
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                var companyId = FirstCompanyId + _accounts.Count;
                var id = companyId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                added.Add(AddAccount("sim-company-" + id, "sim-api-token-" + id, callCount, null, 0));
            }
        }

        return added;
    }

    /// <summary>The account with this company id, or <c>null</c>.</summary>
    /// <param name="companyId">A company id.</param>
    public SimulatedAccount? GetAccount(long companyId)
    {
        lock (_lock)
        {
            return _byCompany.GetValueOrDefault(companyId);
        }
    }

    /// <summary>
    /// A handler that sends requests to the simulator in memory (no socket), for <c>new HttpClient(handler)</c> or
    /// <c>ConfigurePrimaryHttpMessageHandler(() => sim.CreateHandler())</c>. Use <see cref="BaseAddress"/> as the base
    /// address. Each call returns a new handler; dispose it with its client.
    /// </summary>
    public HttpMessageHandler CreateHandler()
    {
        IHost host;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_memoryHost is null)
            {
                host = new HostBuilder()
                    .ConfigureWebHost(web => web.UseTestServer().Configure(app => app.Run(_endpoints.HandleAsync)))
                    .Build();
                host.Start();
                _memoryHost = host;
            }

            host = _memoryHost;
        }

        return new InMemoryConnectionHandler(host.GetTestServer().CreateHandler());
    }

    /// <summary>
    /// Starts Kestrel on 127.0.0.1 at <see cref="AircallSimulatorOptions.Port"/> (0: a free port) and returns its address,
    /// also available as <see cref="BaseAddress"/>. Calling it again returns the running server's address.
    /// </summary>
    /// <param name="cancellationToken">Stops the start-up.</param>
    public async Task<Uri> StartKestrelAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_kestrelAddress is not null)
            {
                return _kestrelAddress;
            }
        }

        var host = new HostBuilder()
            .ConfigureWebHost(web => web
                .UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Options.Port))
                .Configure(app => app.Run(_endpoints.HandleAsync)))
            .Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(address.EndsWith('/') ? address : address + "/");
        lock (_lock)
        {
            _kestrelHost = host;
            _kestrelAddress = uri;
        }

        return uri;
    }

    /// <summary>
    /// The most requests one account sent within any window of <paramref name="window"/> (default: the rate-limit
    /// window), counting every request with valid credentials by its arrival time, 429s included.
    /// </summary>
    /// <param name="account">An api_id to look at one account; <c>null</c> for the maximum over all accounts.</param>
    /// <param name="window">The window length.</param>
    public int MaxRequestsInWindow(string? account = null, TimeSpan? window = null)
    {
        var length = window ?? Options.RateLimitWindow;
        var byAccount = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        foreach (var request in Requests)
        {
            if (request.Account is { } name && (account is null || string.Equals(name, account, StringComparison.Ordinal)))
            {
                if (!byAccount.TryGetValue(name, out var times))
                {
                    byAccount[name] = times = [];
                }

                times.Add(request.Time);
            }
        }

        var max = 0;
        foreach (var times in byAccount.Values)
        {
            times.Sort();
            for (int start = 0, end = 0; end < times.Count; end++)
            {
                while (times[end] - times[start] >= length)
                {
                    start++;
                }

                max = Math.Max(max, end - start + 1);
            }
        }

        return max;
    }

    /// <summary>Forgets the recorded requests and the 429 count (rate-limit state and data are kept).</summary>
    public void ClearRequests()
    {
        lock (_lock)
        {
            _requests.Clear();
            _rateLimitedCount = 0;
        }
    }

    /// <summary>Stops the hosts and disposes the webhook delivery client.</summary>
    public async ValueTask DisposeAsync()
    {
        IHost? memory, kestrel;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _stopping.Cancel(); // ends stalled responses
            (memory, kestrel) = (_memoryHost, _kestrelHost);
            _memoryHost = _kestrelHost = null;
            _kestrelAddress = null;
        }

        foreach (var host in new[] { kestrel, memory })
        {
            if (host is not null)
            {
                await host.StopAsync().ConfigureAwait(false);
                host.Dispose();
            }
        }

        Webhooks.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Stops the hosts synchronously; prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Cancelled when the simulator is disposed.</summary>
    internal CancellationToken Stopping => _stopping.Token;

    internal int NextRequestNumber() => Interlocked.Increment(ref _requestCount);

    internal void CountRateLimited() => Interlocked.Increment(ref _rateLimitedCount);

    internal void Record(SimulatorRequest request)
    {
        lock (_lock)
        {
            _requests.Add(request);
        }
    }

    internal SimulatedAccount? FindAccount(string apiId, string apiToken)
    {
        lock (_lock)
        {
            return _byApiId.TryGetValue(apiId, out var account) && string.Equals(account.ApiToken, apiToken, StringComparison.Ordinal) ? account : null;
        }
    }

    internal SimulatedAccount? FindAccount(string accessToken)
    {
        lock (_lock)
        {
            return _byAccessToken.GetValueOrDefault(accessToken);
        }
    }

    private bool _disposed;

    private SimulatedAccount AddAccount(string apiId, string apiToken, int callCount, string? accessToken, int busiestSecond)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiId);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiToken);
        ArgumentOutOfRangeException.ThrowIfNegative(callCount);
        lock (_lock)
        {
            if (_byApiId.ContainsKey(apiId))
            {
                throw new ArgumentException($"An account with api_id '{apiId}' already exists.", nameof(apiId));
            }

            if (accessToken is not null && _byAccessToken.ContainsKey(accessToken))
            {
                throw new ArgumentException("Another account has this access token already.", nameof(accessToken));
            }

            var ordinal = _accounts.Count;
            var seed = Options.Seed + (ordinal * 7919L);
            var periodEnd = _periodEnd;
            var period = Options.Period;
            var media = Media;
            var account = new SimulatedAccount(
                FirstCompanyId + ordinal, apiId, apiToken, accessToken,
                () => new CallTimeline(seed, (ordinal + 1) * 1_000_000_000L, callCount, periodEnd, period, busiestSecond) { Media = media, Account = apiId },
                new WebhookRegistry(Options.Seed, ordinal + 1), new ArrivalRateLimiter(Options.RateLimit, Options.RateLimitWindow), TimeProvider);
            _accounts.Add(account);
            _byCompany[account.CompanyId] = account;
            _byApiId[apiId] = account;
            if (accessToken is not null)
            {
                _byAccessToken[accessToken] = account;
            }

            return account;
        }
    }
}
