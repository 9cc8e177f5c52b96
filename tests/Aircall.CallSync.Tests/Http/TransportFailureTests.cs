using System.Net;
using System.Net.Sockets;
using Aircall.CallSync.TestShared;
using Aircall.CallSync.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Polly.Timeout;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Http;

/// <summary>
/// Failures before any answer (connection refused, DNS, TLS, a dropped connection, timeouts) end, once the retries are
/// spent, in an <see cref="AircallConnectionException"/> (an <see cref="HttpRequestException"/>) whose message names
/// Aircall:BaseAddress and the address tried, never a credential; cancellation by the caller stays an
/// <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class TransportFailureTests : IDisposable
{
    private const string Calls = MockAircall.BaseUrl + "v1/calls";

    private readonly MockAircall _aircall = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _aircall.Dispose();

    [Fact]
    public async Task Cancellation_surfaces_as_OperationCanceledException()
    {
        _aircall.Http.When(Calls).Respond("application/json", """{"calls":[]}""");
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var list = () => _aircall.Client().ListAsync(cancellationToken: cancellation.Token);

        (await list.Should().ThrowAsync<OperationCanceledException>())
            .Which.CancellationToken.Should().Be(cancellation.Token);
    }

    [Fact]
    public async Task A_network_failure_surfaces_as_AircallConnectionException_naming_the_base_address()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (api.test:443)");
        _aircall.Http.When(Calls).Throw(refused);

        var list = () => _aircall.Client().ListAsync(cancellationToken: Ct);

        var thrown = (await list.Should().ThrowExactlyAsync<AircallConnectionException>()).Which;
        thrown.Message.Should().StartWith("Could not reach Aircall at https://api.test/ (Aircall:BaseAddress) for GET /v1/calls, after 1 attempt: Connection refused (api.test:443).")
            .And.Contain("Check Aircall:BaseAddress");
        thrown.InnerException.Should().BeSameAs(refused);
        thrown.HttpRequestError.Should().Be(HttpRequestError.ConnectionError, "catch blocks that look at the error keep working");
        thrown.BaseAddress.Should().Be(new Uri("https://api.test/"));
        thrown.Should().BeAssignableTo<HttpRequestException>("existing catch (HttpRequestException) blocks keep catching it");
    }

    [Fact]
    public async Task A_network_failure_is_thrown_by_the_with_response_variants_too()
    {
        _aircall.Http.When(Calls).Throw(new HttpRequestException("Connection reset", new IOException("reset")));

        var list = () => _aircall.Client().Pages.ListWithResponseAsync(cancellationToken: Ct);

        (await list.Should().ThrowExactlyAsync<AircallConnectionException>()).WithInnerException<HttpRequestException>();
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_keeps_its_HttpRequestError()
    {
        _aircall.Http.When(Calls).Throw(new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (api.test:443)"));

        var list = () => _aircall.Client().ListAsync(cancellationToken: Ct);

        (await list.Should().ThrowExactlyAsync<AircallConnectionException>()).Which.HttpRequestError.Should().Be(HttpRequestError.NameResolutionError);
    }

    [Fact]
    public async Task A_body_over_the_size_cap_is_not_a_connection_failure()
    {
        _aircall.Http.When(Calls).Throw(new HttpRequestException(HttpRequestError.ConfigurationLimitExceeded, "too large"));

        var list = () => _aircall.Client().ListAsync(cancellationToken: Ct);

        await list.Should().ThrowExactlyAsync<HttpRequestException>().WithMessage("too large");
    }

    [Fact]
    public async Task A_refused_port_on_the_loopback_fails_after_the_retries_with_the_address_and_no_credentials()
    {
        var address = new Uri($"http://127.0.0.1:{UnusedPort()}/");
        var services = new ServiceCollection();
        services.AddAircallCallSync(options =>
        {
            options.BaseAddress = address;
            options.ApiId = MockAircall.ApiId;
            options.ApiToken = MockAircall.ApiToken;
            options.Resilience.MaxRetryAttempts = 2;
            options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<AircallClient>();

        var ping = () => client.Ping.PingAsync(Ct);

        var thrown = (await ping.Should().ThrowExactlyAsync<AircallConnectionException>()).Which;
        thrown.Message.Should().Contain($"at {address} (Aircall:BaseAddress)").And.Contain("after 3 attempts")
            .And.NotContain(MockAircall.ApiToken).And.NotContain(MockAircall.ApiId);
        thrown.HttpRequestError.Should().Be(HttpRequestError.ConnectionError);
        thrown.InnerException.Should().BeOfType<HttpRequestException>().Which.InnerException.Should().BeOfType<SocketException>();
    }

    [Fact]
    public async Task Cancelling_during_the_retries_of_a_connection_failure_is_still_a_cancellation()
    {
        using var aircall = new MockAircall(options =>
        {
            options.Resilience.MaxRetryAttempts = 5;
            options.Resilience.BaseDelay = TimeSpan.FromSeconds(10); // on the fake clock: the retry waits until cancelled
        });
        aircall.Http.When(Calls).Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));
        using var cancellation = new CancellationTokenSource();
        var list = aircall.Client().ListAsync(cancellationToken: cancellation.Token);
        while (aircall.Sent.Count == 0 && !list.IsCompleted)
        {
            await Task.Delay(10, Ct);
        }

        var attempts = aircall.Sent.Count;
        await cancellation.CancelAsync();

        (await list.Invoking(l => l).Should().ThrowAsync<OperationCanceledException>()).Which.Should().NotBeOfType<AircallConnectionException>();
        attempts.Should().Be(1);
    }

    [Fact]
    public async Task Attempts_that_all_time_out_end_in_AircallConnectionException_naming_the_attempt_timeout()
    {
        using var aircall = new MockAircall(options =>
        {
            options.Resilience.MaxRetryAttempts = 1;
            options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(2);
            options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(100);
            options.Resilience.TotalTimeout = TimeSpan.FromHours(1);
        }, builder => builder.HttpClient.AddHttpMessageHandler(() => new BlackHole()));

        var list = aircall.Client().ListAsync(cancellationToken: Ct);
        await AdvanceUntilAsync(aircall, list);

        var thrown = (await list.Invoking(l => l).Should().ThrowExactlyAsync<AircallConnectionException>()).Which;
        thrown.Message.Should().Contain("after 2 attempts: no answer within Aircall:Resilience:AttemptTimeout (2 s)").And.Contain("Aircall:BaseAddress");
        thrown.InnerException.Should().BeOfType<TimeoutRejectedException>();
    }

    [Fact]
    public async Task The_total_timeout_bounds_the_retries_of_a_refused_connection_and_still_names_the_address()
    {
        using var aircall = new MockAircall(options =>
        {
            options.Resilience.MaxRetryAttempts = 50;
            options.Resilience.BaseDelay = TimeSpan.FromSeconds(10);
            options.Resilience.TotalTimeout = TimeSpan.FromMinutes(2);
        });
        aircall.Http.When(Calls).Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (api.test:443)"));

        var list = aircall.Client().ListAsync(cancellationToken: Ct);
        await AdvanceUntilAsync(aircall, list);

        var thrown = (await list.Invoking(l => l).Should().ThrowExactlyAsync<AircallConnectionException>()).Which;
        thrown.Message.Should().Contain("Connection refused (api.test:443), then Aircall:Resilience:TotalTimeout (120 s) ran out").And.Contain("Aircall:BaseAddress");
        thrown.InnerException.Should().BeOfType<TimeoutRejectedException>();
        aircall.Sent.Count.Should().BeLessThan(51, "the total timeout ended the retries before they were all spent");
    }

    [Fact]
    public async Task A_post_that_times_out_says_it_was_not_retried()
    {
        using var aircall = new MockAircall(
            options => options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(2),
            builder => builder.HttpClient.AddHttpMessageHandler(() => new BlackHole()));

        var comment = aircall.Client().Calls.CommentAsync(1, new Aircall.CallSync.Api.CommentRequest { Content = "x" }, Ct);
        await AdvanceUntilAsync(aircall, comment);

        (await comment.Invoking(c => c).Should().ThrowExactlyAsync<AircallConnectionException>())
            .WithMessage("*POST /v1/calls/1/comments*A POST is not retried: Aircall may have applied it.");
    }

    /// <summary>Moves the fake clock in steps of a second until the task ends (the real-time guard only bounds a failure).</summary>
    private static async Task AdvanceUntilAsync(MockAircall aircall, Task task)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (!task.IsCompleted && System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
        {
            aircall.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(task, Task.Delay(10, Ct));
        }
    }

    /// <summary>Takes every request and never answers, until the request is cancelled.</summary>
    private sealed class BlackHole : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed: connecting to it is refused
    }
}
