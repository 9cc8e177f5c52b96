using System.Buffers;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Threading.Channels;
using Aircall.CallSync.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Recordings;

/// <summary>
/// Works the archive jobs: for each, a link (the one seen in memory, or a fresh one from <c>GET /v1/calls/{id}</c>
/// through the account's client), a streamed download into the sink, a commit, and the outcome saved to the queue.
/// Expired links and links storage refuses (403, 404, 410) are re-fetched once per attempt; other failures wait for the
/// next attempt (exponential backoff), up to <see cref="RecordingArchiverOptions.MaxAttempts"/>. Signed links are never
/// logged, stored or put in a reason: only the call id, the kind and the host are.
/// </summary>
internal sealed class RecordingArchiver
{
    internal const string HttpClientName = "Aircall.CallSync.Recordings";

    private const int BufferSize = 81_920;
    private const int MaxRedirects = 3;

    private readonly IRecordingArchiveStore _queue;
    private readonly IRecordingSink _sink;
    private readonly IHttpClientFactory _http;
    private readonly RecordingClients _clients;
    private readonly RecordingLinkHints _hints;
    private readonly RecordingArchiverOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    internal RecordingArchiver(
        IRecordingArchiveStore queue,
        IRecordingSink sink,
        IHttpClientFactory http,
        RecordingClients clients,
        RecordingLinkHints hints,
        IOptions<RecordingArchiverOptions> options,
        TimeProvider timeProvider,
        ILogger<RecordingArchiver>? logger = null)
    {
        _queue = queue;
        _sink = sink;
        _http = http;
        _clients = clients;
        _hints = hints;
        _options = options.Value;
        _time = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    internal RecordingArchiverOptions Options => _options;

    internal IRecordingArchiveStore Queue => _queue;

    internal RecordingLinkHints Hints => _hints;

    internal TimeProvider Time => _time;

    internal ILogger Logger => _logger;

    /// <summary>Wakes the worker: new jobs were queued, or a slot became free.</summary>
    internal void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>Waits until <see cref="Wake"/> or <paramref name="timeout"/>.</summary>
    internal async Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await _wake.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed.
        }
    }

    /// <summary>Claims the jobs due now (up to the concurrency) and works them; returns how many it worked. For tests and the benchmark.</summary>
    internal async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var jobs = await _queue.ClaimDueAsync(now, _options.MaxConcurrency, now + _options.Lease, cancellationToken).ConfigureAwait(false);
        var work = new Task[jobs.Count];
        for (var i = 0; i < jobs.Count; i++)
        {
            work[i] = ProcessAsync(jobs[i], cancellationToken);
        }

        await Task.WhenAll(work).ConfigureAwait(false);
        return jobs.Count;
    }

    /// <summary>
    /// Makes one attempt at a claimed job and saves what came of it. When <paramref name="stopping"/> fires, the job is
    /// handed back (due at once, the attempt not counted) and the cancellation rethrown.
    /// </summary>
    internal async Task ProcessAsync(RecordingArchiveJob job, CancellationToken stopping)
    {
        job.Attempts++;
        ArchiveAttempt attempt;
        using (var timeout = new CancellationTokenSource(_options.AttemptTimeout, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token))
        {
            try
            {
                attempt = await AttemptAsync(job.Key, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                job.Attempts--;
                job.NextAttemptAt = job.UpdatedAt = _time.GetUtcNow();
                await _queue.UpdateAsync(job, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                attempt = ArchiveAttempt.Retry(string.Create(CultureInfo.InvariantCulture, $"the attempt took longer than {_options.AttemptTimeout} (Aircall:Recordings:AttemptTimeout)"));
            }
#pragma warning disable CA1031 // A failing sink (disk full, permissions) is recorded and retried, never the worker's end.
            catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
            {
                // A file system's message names the path and the cause; another sink's might quote a signed upload URL.
                attempt = ArchiveAttempt.Retry(exception is IOException or UnauthorizedAccessException
                    ? $"the sink failed ({exception.GetType().Name}: {FirstLine(exception.Message)})"
                    : $"the sink failed ({exception.GetType().Name})");
            }
        }

        Record(job, attempt);
        await _queue.UpdateAsync(job, CancellationToken.None).ConfigureAwait(false);
    }

    private void Record(RecordingArchiveJob job, ArchiveAttempt attempt)
    {
        var now = _time.GetUtcNow();
        job.UpdatedAt = now;
        job.Reason = attempt.Kind == ArchiveAttemptKind.Archived ? null : attempt.Reason;
        var kind = KindName(job.Key.Kind);
        switch (attempt.Kind)
        {
            case ArchiveAttemptKind.Archived:
                job.Status = RecordingArchiveStatus.Archived;
                job.Bytes = attempt.Bytes;
                job.Sha256 = attempt.Sha256;
                job.Location = attempt.Location;
                AircallTelemetry.RecordingJobs.Add(1, new KeyValuePair<string, object?>("outcome", "archived"));
                AircallTelemetry.RecordingBytes.Add(attempt.Bytes);
                Log.RecordingArchived(_logger, kind, job.Key.CallId, attempt.Bytes, job.Attempts);
                break;
            case ArchiveAttemptKind.NoAudio:
                job.Status = RecordingArchiveStatus.NoAudio;
                AircallTelemetry.RecordingJobs.Add(1, new KeyValuePair<string, object?>("outcome", "no_audio"));
                Log.RecordingNoAudio(_logger, kind, job.Key.CallId, attempt.Reason);
                break;
            case ArchiveAttemptKind.Failed:
                Fail();
                break;
            default:
                if (job.Attempts >= _options.MaxAttempts)
                {
                    Fail();
                    break;
                }

                job.Status = RecordingArchiveStatus.Pending;
                job.NextAttemptAt = now + Backoff(job.Attempts);
                AircallTelemetry.RecordingJobs.Add(1, new KeyValuePair<string, object?>("outcome", "retry"));
                Log.RecordingAttemptFailed(_logger, kind, job.Key.CallId, job.Attempts, _options.MaxAttempts, attempt.Reason, job.NextAttemptAt);
                break;
        }

        void Fail()
        {
            job.Status = RecordingArchiveStatus.Failed;
            AircallTelemetry.RecordingJobs.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            Log.RecordingFailed(_logger, kind, job.Key.CallId, job.Attempts, attempt.Reason);
        }
    }

    private TimeSpan Backoff(int attempts)
    {
        var delay = _options.RetryDelay * Math.Pow(2, Math.Min(attempts - 1, 20));
        return delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay;
    }

    private async Task<ArchiveAttempt> AttemptAsync(RecordingArchiveKey key, CancellationToken cancellationToken)
    {
        var kind = KindName(key.Kind);
        var link = _hints.Take(key);
        if (link is not null && IsExpired(link))
        {
            Log.RecordingLinkRefetch(_logger, kind, key.CallId, link.Host, "the link has expired");
            link = null;
        }

        var fetched = false;
        while (true)
        {
            if (link is null)
            {
                var (fresh, outcome) = await FetchLinkAsync(key, cancellationToken).ConfigureAwait(false);
                fetched = true;
                if (fresh is null)
                {
                    return outcome;
                }

                link = fresh;
            }

            var result = await DownloadAsync(key, link, cancellationToken).ConfigureAwait(false);
            if (result.Kind == ArchiveAttemptKind.Refused && !fetched)
            {
                Log.RecordingLinkRefetch(_logger, kind, key.CallId, link.Host, result.Reason);
                link = null;
                continue;
            }

            return result.Kind == ArchiveAttemptKind.Refused ? ArchiveAttempt.Retry(result.Reason + ", with a fresh link") : result;
        }
    }

    private bool IsExpired(Uri link)
        => SignedLink.ExpiresAt(link) is { } expires && expires - _options.ExpiryMargin <= _time.GetUtcNow();

    private async Task<(Uri? Link, ArchiveAttempt Outcome)> FetchLinkAsync(RecordingArchiveKey key, CancellationToken cancellationToken)
    {
        Models.Call? call;
        try
        {
            var client = _clients.For(key.AccountId);
            call = (await client.Calls.GetAsync(key.CallId, cancellationToken).ConfigureAwait(false)).Call;
        }
        catch (AircallApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return (null, ArchiveAttempt.NoAudio(string.Create(CultureInfo.InvariantCulture, $"Aircall has no call {key.CallId} any more (404 from GET /v1/calls/{{id}})")));
        }
        catch (AircallApiException exception)
        {
            return (null, ArchiveAttempt.Retry(string.Create(CultureInfo.InvariantCulture, $"re-fetching the call failed: Aircall answered {(int)exception.StatusCode} ({exception.GetType().Name})")));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Whatever stops a re-fetch (connection, credentials) is a reason to retry later, recorded.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return (null, ArchiveAttempt.Retry($"re-fetching the call failed ({exception.GetType().Name})"));
        }

        if (call is null)
        {
            return (null, ArchiveAttempt.Retry("re-fetching the call failed: Aircall's answer had no call"));
        }

        var text = key.Kind == RecordingKind.Voicemail ? call.Voicemail : call.Recording;
        if (string.IsNullOrEmpty(text))
        {
            return (null, ArchiveAttempt.NoAudio($"the call has no {KindName(key.Kind)} (any more)"));
        }

        return SignedLink.Parse(text) is { } link
            ? (link, default)
            : (null, ArchiveAttempt.Failed($"the call's {KindName(key.Kind)} is not an http(s) URL"));
    }

    private string? Refusal(Uri link)
    {
        if (!SignedLink.IsAllowed(link.Host, _options.AllowedHosts))
        {
            return $"the link's host {link.Host} is not allowed (add it to Aircall:Recordings:AllowedHosts if it is yours or Aircall's)";
        }

        return link.Scheme == Uri.UriSchemeHttp && !link.IsLoopback
            ? $"the link to {link.Host} is plain http (only loopback hosts may use http)"
            : null;
    }

    private async Task<ArchiveAttempt> DownloadAsync(RecordingArchiveKey key, Uri link, CancellationToken cancellationToken)
    {
        var http = _http.CreateClient(HttpClientName);
        HttpResponseMessage? response = null;
        try
        {
            for (var hop = 0; ; hop++)
            {
                if (Refusal(link) is { } refusal)
                {
                    return ArchiveAttempt.Failed(refusal);
                }

                using var request = new HttpRequestMessage(HttpMethod.Get, link);
                try
                {
                    response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException exception)
                {
                    return ArchiveAttempt.Retry($"the request to {link.Host} failed ({Describe(exception)})");
                }

                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (hop >= MaxRedirects)
                    {
                        return ArchiveAttempt.Retry($"{link.Host} redirected more than {MaxRedirects} times");
                    }

                    link = location.IsAbsoluteUri ? location : new Uri(link, location);
                    response.Dispose();
                    response = null;
                    continue;
                }

                break;
            }

            var code = (int)response.StatusCode;
            if (code is 403 or 404 or 410)
            {
                return ArchiveAttempt.Refused(string.Create(CultureInfo.InvariantCulture, $"{link.Host} refused the link ({code})"));
            }

            if (!response.IsSuccessStatusCode)
            {
                return ArchiveAttempt.Retry(string.Create(CultureInfo.InvariantCulture, $"{link.Host} answered {code}"));
            }

            var declared = response.Content.Headers.ContentLength;
            if (declared > _options.MaxFileBytes)
            {
                return ArchiveAttempt.Failed(string.Create(CultureInfo.InvariantCulture, $"the file is {declared} bytes, more than Aircall:Recordings:MaxFileBytes ({_options.MaxFileBytes})"));
            }

            return await CopyAsync(key, link.Host, response, declared, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            response?.Dispose();
        }
    }

    private async Task<ArchiveAttempt> CopyAsync(RecordingArchiveKey key, string host, HttpResponseMessage response, long? declared, CancellationToken cancellationToken)
    {
        var upload = await _sink.OpenWriteAsync(key, response.Content.Headers.ContentType?.MediaType, cancellationToken).ConfigureAwait(false);
        await using (upload.ConfigureAwait(false))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            long total = 0;
            var reading = false;
            try
            {
                var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    while (true)
                    {
                        reading = true;
                        var read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false);
                        reading = false;
                        if (read == 0)
                        {
                            break;
                        }

                        total += read;
                        if (total > _options.MaxFileBytes)
                        {
                            return ArchiveAttempt.Failed(string.Create(CultureInfo.InvariantCulture, $"the file is larger than Aircall:Recordings:MaxFileBytes ({_options.MaxFileBytes})"));
                        }

                        hash.AppendData(buffer, 0, read);
                        await upload.Content.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception exception) when (reading && exception is IOException or HttpRequestException)
            {
                // The upload is disposed uncommitted: nothing under the final name.
                return ArchiveAttempt.Retry(string.Create(CultureInfo.InvariantCulture, $"the connection to {host} broke after {total} bytes ({Describe(exception)})"));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            if (declared is { } length && total != length)
            {
                return ArchiveAttempt.Retry(string.Create(CultureInfo.InvariantCulture, $"{host} sent {total} of {length} bytes"));
            }

            if (total == 0)
            {
                return ArchiveAttempt.Retry($"{host} sent an empty file");
            }

            var location = await upload.CommitAsync(cancellationToken).ConfigureAwait(false);
            return ArchiveAttempt.Archived(total, Convert.ToHexStringLower(hash.GetHashAndReset()), location);
        }
    }

    /// <summary>An exception's type and, for HTTP, its error kind: never its message, which could quote a URL.</summary>
    private static string Describe(Exception exception)
        => exception is HttpRequestException { HttpRequestError: var error } && error != HttpRequestError.Unknown
            ? $"{exception.GetType().Name}: {error}"
            : exception.InnerException is { } inner ? $"{exception.GetType().Name}: {inner.GetType().Name}" : exception.GetType().Name;

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    internal static string KindName(RecordingKind kind) => kind == RecordingKind.Voicemail ? "voicemail" : "recording";
}
