using System.Net;
using System.Text;
using Aircall.CallSync.Api;
using Aircall.CallSync.TestShared;
using Aircall.CallSync.Tests.TestSupport;
using Polly.Timeout;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Http;

/// <summary>
/// Every read is bounded (issue 11, item 6): a body that stalls after its headers fails the attempt with the attempt
/// timeout, on the fake clock, instead of hanging the caller; a GET is retried, a POST is not; a body over the size cap
/// fails at once and is not retried.
/// </summary>
public sealed class ResponseBodyTimeoutTests : IDisposable
{
    private const string Calls = MockAircall.BaseUrl + "v1/calls";
    private const string EmptyPage = """{"calls":[],"meta":{"count":0,"total":0,"current_page":1,"per_page":50,"next_page_link":null,"previous_page_link":null}}""";

    private readonly MockAircall _aircall = new(options =>
    {
        options.Resilience.MaxRetryAttempts = 2;
        options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(2);
        options.Resilience.TotalTimeout = TimeSpan.FromHours(1); // never reached: the fake clock moves at most minutes
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(100);
    });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _aircall.Dispose();

    [Fact]
    public async Task A_body_that_stalls_after_200_bytes_times_out_within_the_attempt_and_the_get_is_retried()
    {
        var stall = new StallingStream(200);
        var answers = 0;
        _aircall.Http.When(Calls).Respond(_ => Interlocked.Increment(ref answers) == 1
            ? Stalled(stall)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(EmptyPage, Encoding.UTF8, "application/json") });

        var list = _aircall.Client().ListAsync(cancellationToken: Ct);
        await stall.Stalled.WaitAsync(TimeSpan.FromSeconds(30), Ct); // the first 200 bytes are read, the rest never comes
        await AdvanceUntilAsync(list, TimeSpan.FromSeconds(30));

        list.IsCompleted.Should().BeTrue("the attempt timeout (2 s on the fake clock) covers the body, and the GET is retried");
        (await list).Calls.Should().BeEmpty();
        answers.Should().Be(2);
        stall.Cancelled.Should().BeTrue("the stalled read was cancelled, not left running");
    }

    [Fact]
    public async Task A_post_whose_body_stalls_fails_with_the_attempt_timeout_as_a_connection_failure_and_is_not_sent_again()
    {
        var stall = new StallingStream(10);
        var answers = 0;
        _aircall.Http.When(HttpMethod.Post, Calls + "/1/comments").Respond(_ =>
        {
            Interlocked.Increment(ref answers);
            return Stalled(stall);
        });

        var comment = _aircall.Client().Calls.CommentAsync(1, new CommentRequest { Content = "x" }, Ct);
        await stall.Stalled.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await AdvanceUntilAsync(comment, TimeSpan.FromSeconds(30));

        comment.IsCompleted.Should().BeTrue("the attempt timeout covers the body");
        (await comment.Invoking(c => c).Should().ThrowExactlyAsync<AircallConnectionException>()).WithInnerException<TimeoutRejectedException>();
        answers.Should().Be(1, "a POST may have been applied: it is never sent twice");
    }

    [Fact]
    public async Task A_body_over_the_size_cap_fails_at_once_and_is_not_retried()
    {
        var answers = 0;
        _aircall.Http.When(Calls).Respond(_ =>
        {
            Interlocked.Increment(ref answers);
            // Chunked (no Content-Length): the cap (16 MiB by default) is found while reading.
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new SpacesStream((16 * 1024 * 1024) + 1)) };
        });

        var list = () => _aircall.Client().ListAsync(cancellationToken: Ct);

        var thrown = await list.Should().ThrowAsync<HttpRequestException>();
        thrown.Which.HttpRequestError.Should().Be(HttpRequestError.ConfigurationLimitExceeded);
        thrown.Which.Message.Should().Contain("Aircall:Resilience:MaxResponseBodyBytes").And.Contain("/v1/calls");
        answers.Should().Be(1);
    }

    private static HttpResponseMessage Stalled(StallingStream stream)
    {
        var content = new StreamContent(stream);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        content.Headers.ContentLength = 10_000;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    /// <summary>
    /// Moves the fake clock in steps of 500 ms (the attempt timeout, then the backoff) until the task ends; the real-time
    /// guard only bounds a failure, however slow the machine.
    /// </summary>
    private async Task AdvanceUntilAsync(Task task, TimeSpan guard)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (!task.IsCompleted && System.Diagnostics.Stopwatch.GetElapsedTime(started) < guard)
        {
            _aircall.Time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.WhenAny(task, Task.Delay(50, Ct));
        }
    }

    /// <summary>Gives <c>prefix</c> bytes of JSON, then never another byte until the read is cancelled.</summary>
    private sealed class StallingStream(int prefix) : Stream
    {
        private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _sent;

        public Task Stalled => _stalled.Task;

        public bool Cancelled { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_sent < prefix)
            {
                var count = Math.Min(buffer.Length, prefix - _sent);
                buffer.Span[..count].Fill((byte)' ');
                _sent += count;
                return count;
            }

            _stalled.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled = true;
                throw;
            }

            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("synchronous read");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary><c>length</c> spaces, of unknown length to the reader.</summary>
    private sealed class SpacesStream(long length) : Stream
    {
        private long _left = length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _left);
            buffer.AsSpan(offset, n).Fill((byte)' ');
            _left -= n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
