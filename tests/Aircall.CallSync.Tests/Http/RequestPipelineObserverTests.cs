using System.Collections.Concurrent;
using System.Net;
using Aircall.CallSync.Http;
using Aircall.CallSync.TestShared;
using Aircall.CallSync.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Http;

/// <summary>
/// The pipeline tells an <see cref="IRequestPipelineObserver"/> (the virtual-time harness of the integration tests) when
/// a request enters and leaves and when a retry waits; without one registered there is nothing to tell.
/// </summary>
public sealed class RequestPipelineObserverTests
{
    private const string Calls = MockAircall.BaseUrl + "v1/calls";
    private const string EmptyPage = """{"calls":[],"meta":{"count":0,"total":0,"current_page":1,"per_page":50,"next_page_link":null,"previous_page_link":null}}""";

    [Fact]
    public async Task A_registered_observer_sees_the_request_enter_wait_out_its_backoff_and_leave()
    {
        var observer = new RecordingObserver();
        using var aircall = new MockAircall(
            options =>
            {
                options.Resilience.MaxRetryAttempts = 1;
                options.Resilience.BaseDelay = TimeSpan.FromSeconds(1);
            },
            builder => builder.Services.AddSingleton<IRequestPipelineObserver>(observer));
        var answers = 0;
        aircall.Http.When(Calls).Respond(_ => Interlocked.Increment(ref answers) == 1
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(EmptyPage, System.Text.Encoding.UTF8, "application/json") });

        var list = aircall.Client().ListAsync(cancellationToken: TestContext.Current.CancellationToken);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (!list.IsCompleted && System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
        {
            aircall.Time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(list, Task.Delay(20, TestContext.Current.CancellationToken));
        }

        (await list).Calls.Should().BeEmpty();
        observer.Events.Should().Equal("started", "attempt", "backoff", "attempt", "ended");
        observer.Requests.Distinct().Should().ContainSingle("every event is about the one request, retries included");
    }

    [Fact]
    public void None_is_registered_by_default()
    {
        using var aircall = new MockAircall();

        aircall.Services.GetService<IRequestPipelineObserver>().Should().BeNull("the pipeline pays for observation only in harnesses that ask for it");
    }

    private sealed class RecordingObserver : IRequestPipelineObserver
    {
        private readonly ConcurrentQueue<(string Event, HttpRequestMessage Request)> _events = new();

        public IEnumerable<string> Events => _events.Select(e => e.Event);

        public IEnumerable<HttpRequestMessage> Requests => _events.Select(e => e.Request);

        public void RequestStarted(HttpRequestMessage request) => _events.Enqueue(("started", request));

        public void RequestEnded(HttpRequestMessage request) => _events.Enqueue(("ended", request));

        public void BackoffStarted(HttpRequestMessage request, TimeSpan delay)
        {
            delay.Should().BePositive();
            _events.Enqueue(("backoff", request));
        }

        public void AttemptStarted(HttpRequestMessage request) => _events.Enqueue(("attempt", request));
    }
}
