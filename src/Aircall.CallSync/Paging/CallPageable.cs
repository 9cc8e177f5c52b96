using System.Runtime.CompilerServices;
using Aircall.CallSync.Api;
using Aircall.CallSync.Diagnostics;
using Aircall.CallSync.Http;
using Aircall.CallSync.Models;
using Aircall.CallSync.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aircall.CallSync.Paging;

/// <summary>
/// Every call of a <see cref="CallQuery"/>, oldest first, 50 per request: enumerate it with <c>await foreach</c>, or page
/// through it with <see cref="AsPages"/> to get a checkpoint after each page. Get one from
/// <see cref="AircallClient.GetCallsAsync"/>.
/// </summary>
/// <remarks>
/// <para>Each enumeration fixes its upper bound (the query's <see cref="CallQuery.To"/>, or the current time) when it
/// starts, so it ends even while calls keep arriving; enumerating twice gives the same calls if none were created in the
/// range meanwhile.</para>
/// <para>Aircall serves at most 10,000 results per query. Before a window would pass them, the enumeration moves its
/// <c>from</c> to the creation time of the last call listed (with an overlap, de-duplicating by id), so every call in the
/// range comes out exactly once however many there are. If more than 10,000 calls share one second, it throws
/// <see cref="CallWindowOverflowException"/> instead of skipping any.</para>
/// <para>It never follows <c>next_page_link</c>: it asks for page numbers itself, on the configured base address.
/// Requests go through the account's rate limiter and retry policy like every other request. Not thread-safe to
/// enumerate one enumerator from two threads; separate enumerations may run concurrently.</para>
/// </remarks>
public class CallPageable : IAsyncEnumerable<Call>
{
    /// <summary>Calls per request: Aircall's maximum.</summary>
    public const int PageSize = 50;

    /// <summary>Results one query can reach.</summary>
    internal const int ResultCap = 10_000;

    /// <summary>The default overlap of a re-anchored window with the previous one.</summary>
    internal static readonly TimeSpan DefaultOverlap = TimeSpan.FromMinutes(1);

    private const int MalformedAttempts = 3;

    private readonly ICallsApi _api = null!;
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly ILogger _logger = NullLogger.Instance;
    private readonly long _overlapSeconds;
    private readonly TimeSpan _maxClockSkew = Sync.SnapshotVersion.DefaultMaxClockSkew;

    /// <summary>For mocking.</summary>
    protected CallPageable()
    {
        Query = CallQuery.All;
    }

    internal CallPageable(ICallsApi api, CallQuery query, TimeProvider timeProvider, ILogger? logger, TimeSpan? overlap = null, TimeSpan? maxClockSkew = null)
    {
        _maxClockSkew = maxClockSkew ?? Sync.SnapshotVersion.DefaultMaxClockSkew;
        _api = api;
        Query = query;
        _time = timeProvider;
        _logger = logger ?? NullLogger.Instance;
        _overlapSeconds = (long)Math.Ceiling((overlap ?? DefaultOverlap).TotalSeconds);
    }

    /// <summary>The query being enumerated.</summary>
    public virtual CallQuery Query { get; }

    /// <summary>Enumerates the calls, oldest first, each exactly once.</summary>
    /// <param name="cancellationToken">Stops the enumeration (at the next request or wait).</param>
    public virtual async IAsyncEnumerator<Call> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPages(null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var call in page.Calls)
            {
                yield return call;
            }
        }
    }

    /// <summary>
    /// Enumerates the pages, each with the checkpoint to continue after it. Pass a page's
    /// <see cref="CallPage.ContinuationToken"/> to continue after that page, with the same query, in any process.
    /// </summary>
    /// <param name="continuationToken">A checkpoint of this query, or <c>null</c> to start from the beginning.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <exception cref="ArgumentException">The token is malformed or belongs to another query.</exception>
    /// <exception cref="AircallApiException">Aircall refused a request (after retries), e.g. invalid credentials.</exception>
    /// <exception cref="CallWindowOverflowException">More than 10,000 calls share one creation second.</exception>
    public virtual async IAsyncEnumerable<CallPage> AsPages(string? continuationToken = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var fingerprint = Query.Fingerprint();
        var state = continuationToken is null ? Start(fingerprint) : PagingState.Decode(continuationToken, fingerprint);
        var recent = new RecentCalls(_overlapSeconds, state.Recent);
        var maxPages = ResultCap / PageSize;
        while (!state.Done)
        {
            if (state.Page > maxPages)
            {
                Reanchor(state, recent, "the window reached Aircall's 10,000-result cap");
                continue;
            }

            CallList list;
            DateTimeOffset version;
            try
            {
                (list, version) = await FetchAsync(state, cancellationToken).ConfigureAwait(false);
            }
            catch (AircallPaginationLimitException) when (state.LastStarted is not null)
            {
                // Aircall counted differently than we did: treat its 400 exactly like reaching the cap. (With no call
                // listed yet there is nothing to re-anchor on, and the error is Aircall's to report.)
                Reanchor(state, recent, "Aircall answered the 10,000-result cap error");
                continue;
            }

            if (state.Page == 1 && list.Meta?.Total is { } total)
            {
                state.Estimated = state.Returned + total - recent.CountFrom(state.From);
            }

            var calls = new List<Call>(list.Calls.Count);
            foreach (var call in list.Calls)
            {
                var started = call.StartedAt?.ToUnixTimeSeconds() ?? state.LastStarted ?? state.From ?? 0;
                state.LastStarted = started;
                if (recent.Contains(call.Id))
                {
                    continue;
                }

                recent.Add(started, call.Id, started);
                calls.Add(call);
            }

            state.Returned += calls.Count;
            var hasMore = list.Calls.Count > 0 && (list.Meta is { } meta ? meta.NextPageLink is not null : list.Calls.Count >= PageSize);
            if (hasMore)
            {
                state.Page++;
            }
            else
            {
                state.Done = true;
            }

            state.Recent = recent.Export();
            AircallTelemetry.CallsListed.Add(calls.Count);
            yield return new CallPage(
                calls, state.Encode(), version, state.Done, state.Returned, state.Estimated is { } estimate ? Math.Max(estimate, state.Returned) : null,
                state.From is { } from ? DateTimeOffset.FromUnixTimeSeconds(from) : null, DateTimeOffset.FromUnixTimeSeconds(state.To));
        }
    }

    private PagingState Start(string fingerprint)
    {
        var to = (Query.To ?? _time.GetUtcNow()).ToUnixTimeSeconds();
        return new PagingState { Query = fingerprint, To = to, From = Query.From?.ToUnixTimeSeconds() };
    }

    /// <summary>
    /// Moves the window's <c>from</c> to the last listed call's creation second minus the overlap; when that would not move
    /// it forward (a dense stretch), to one second before, then to that second itself (relying on de-duplication); when
    /// even that does not move it, more than 10,000 calls share the second.
    /// </summary>
    private void Reanchor(PagingState state, RecentCalls recent, string reason)
    {
        // Set by every listed call; a window only ends past the cap after listing calls.
        var last = state.LastStarted!.Value;
        foreach (var candidate in (ReadOnlySpan<long>)[last - _overlapSeconds, last - 1, last])
        {
            if (state.From is null || candidate > state.From)
            {
                if (candidate != last - _overlapSeconds)
                {
                    Log.DenseWindow(_logger, DateTimeOffset.FromUnixTimeSeconds(last), candidate == last ? 0 : 1);
                }

                state.From = candidate;
                state.Page = 1;
                state.Windows++;
                Log.Reanchored(_logger, reason, DateTimeOffset.FromUnixTimeSeconds(candidate), recent.CountFrom(candidate), state.Windows);
                return;
            }
        }

        throw new CallWindowOverflowException(DateTimeOffset.FromUnixTimeSeconds(last));
    }

    /// <summary>The response's <c>Date</c>, when it is within the tolerated skew of the local clock; else the local clock.</summary>
    private DateTimeOffset PageVersion(DateTimeOffset? date)
    {
        var now = _time.GetUtcNow();
        var version = Sync.SnapshotVersion.ForPage(date, now, _maxClockSkew, out var untrusted);
        if (untrusted)
        {
            AircallTelemetry.UntrustedVersions.Add(1, new KeyValuePair<string, object?>("source", "batch"));
            Log.UntrustedDateHeader(_logger, date!.Value, now, _maxClockSkew);
        }

        return version;
    }

    private async Task<(CallList List, DateTimeOffset Version)> FetchAsync(PagingState state, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var parameters = Query.ToParameters(state.From, state.To, state.Page, PageSize);
            using var response = Query.HasSearchFilters
                ? await _api.SearchWithResponseAsync(parameters, cancellationToken).ConfigureAwait(false)
                : await _api.ListWithResponseAsync(parameters, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw AircallErrorFactory.FromApiResponse(response, _time);
            }

            UnreadableFields.LogFirstSeen(_logger);
            if (response.Error is null && response.Content is { } list)
            {
                return (list, PageVersion(response.Headers.Date));
            }

            // 200 with a body that is not a call list (truncated by a proxy, say): ask again, it is a GET.
            Log.MalformedPage(_logger, state.Page, attempt, MalformedAttempts);
            if (attempt >= MalformedAttempts)
            {
                throw new AircallApiException(
                    new AircallErrorDetails { StatusCode = response.StatusCode ?? System.Net.HttpStatusCode.OK, Method = "GET", Path = response.RequestMessage?.RequestUri?.AbsolutePath },
                    $"Aircall answered {MalformedAttempts} times with a body that is not a valid call list; retry later. ({response.Error?.InnerException?.Message ?? response.Error?.Message})");
            }
        }
    }
}
