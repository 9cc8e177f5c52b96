using System.Globalization;
using System.Runtime.CompilerServices;
using Aircall.CallSync.Api;
using Aircall.CallSync.Diagnostics;
using Aircall.CallSync.Http;
using Aircall.CallSync.Models;
using Aircall.CallSync.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aircall.CallSync;

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
/// <c>from</c> to the <c>started_at</c> of the last call listed minus an overlap (de-duplicating by id), so every call in
/// the range comes out once however many there are. Aircall filters and orders by creation time, which
/// <c>started_at</c> only approximates, so the new window is confirmed before anything of it is returned: its first call
/// must be one already returned, which proves the new <c>from</c> is at or before the last listed call's creation time.
/// Otherwise earlier starts are tried (the earliest <c>started_at</c> of the last 50 calls returned, then of every call
/// remembered, minus the overlap), and if none is confirmed it throws <see cref="CallListInconsistentException"/>: no
/// call is skipped whatever <c>started_at</c> says. Exactly-once assumes a call's <c>started_at</c> is never more than
/// the overlap earlier than its creation time. If more than 10,000 calls share one second, it throws
/// <see cref="CallWindowOverflowException"/> instead of skipping any.</para>
/// <para>A page never ends the enumeration when it contradicts what Aircall said: no calls while <c>next_page_link</c>
/// is set; or a last page (no <c>next_page_link</c>, or without <c>meta</c> fewer than 50 calls) that ends, counting
/// positions from the page number, before <c>meta.total</c> (the page's own, else the window's first page's; at most
/// 10,000). Such a page is asked again, up to three answers, then <see cref="CallListInconsistentException"/> is thrown.
/// A last page that agrees with its own <c>total</c> but falls short of the window's first total (calls deleted
/// meanwhile) is asked once more and accepted when confirmed. A growing total is never a contradiction. A 200 body
/// without a <c>calls</c> array (<c>{}</c>, <c>"calls": null</c>) is malformed: asked again, then
/// <see cref="AircallApiException"/>. <c>null</c> entries in <c>calls</c> are not calls: the page is asked again, and if
/// the third answer still has them they are skipped with a warning.</para>
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

    /// <summary>Answers asked for one page before a malformed or contradicting answer is reported.</summary>
    private const int PageAttempts = 3;

    /// <summary>Earlier starts tried after a re-anchored window's first page was not confirmed.</summary>
    private const int ReanchorAttempts = 2;

    private readonly ICallPagesApi _api = null!;
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly ILogger _logger = NullLogger.Instance;
    private readonly long _overlapSeconds;
    private readonly TimeSpan _maxClockSkew = Storage.SnapshotVersion.DefaultMaxClockSkew;

    /// <summary>For mocking.</summary>
    protected CallPageable()
    {
        Query = CallQuery.All;
    }

    internal CallPageable(ICallPagesApi api, CallQuery query, TimeProvider timeProvider, ILogger? logger, TimeSpan? overlap = null, TimeSpan? maxClockSkew = null)
    {
        _maxClockSkew = maxClockSkew ?? Storage.SnapshotVersion.DefaultMaxClockSkew;
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
    /// <exception cref="AircallApiException">
    /// Aircall refused a request (after retries), e.g. invalid credentials; or answered 200 three times with a body that
    /// is not a call list.
    /// </exception>
    /// <exception cref="AircallConnectionException">
    /// No answer came from <c>Aircall:BaseAddress</c> (connection refused, DNS, TLS, timeouts) once the retries were spent.
    /// </exception>
    /// <exception cref="CallWindowOverflowException">More than 10,000 calls share one creation second.</exception>
    /// <exception cref="CallListInconsistentException">
    /// Aircall kept answering a page that contradicts what it said before, or a re-anchored window could not be confirmed.
    /// </exception>
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

            PageAnswer answer;
            try
            {
                answer = await FetchAsync(state, cancellationToken).ConfigureAwait(false);
            }
            catch (AircallPaginationLimitException) when (state.LastStarted is not null)
            {
                // Aircall counted differently than we did: treat its 400 exactly like reaching the cap. (With no call
                // listed yet there is nothing to re-anchor on, and the error is Aircall's to report.)
                Reanchor(state, recent, "Aircall answered the 10,000-result cap error");
                continue;
            }

            var list = answer.List;
            if (state.ReanchorAttempt is { } attempt && !StartsWithKnownCall(list, recent))
            {
                // Nothing of this page was returned: try an earlier from before listing anything of the window.
                Backoff(state, recent, attempt + 1);
                continue;
            }

            state.ReanchorAttempt = null;
            state.PreviousFrom = null;
            if (state.Page == 1)
            {
                state.WindowTotal = list.Meta?.Total;
                if (list.Meta?.Total is { } total)
                {
                    state.Estimated = state.Returned + total - recent.CountFrom(state.From);
                }
            }

            var calls = new List<Call>(list.Calls.Count);
            foreach (var call in list.Calls)
            {
                if (call is null)
                {
                    continue; // logged by FetchAsync: not a call
                }

                var started = call.StartedAt?.ToUnixTimeSeconds() ?? state.LastStarted ?? state.From ?? 0;
                state.LastStarted = started;
                if (recent.Contains(call.Id))
                {
                    continue;
                }

                recent.Add(started, call.Id);
                calls.Add(call);
            }

            state.Returned += calls.Count;
            if (answer.HasMore)
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
                calls, state.Snapshot(), answer.Version, state.Done, state.Returned, state.Estimated is { } estimate ? Math.Max(estimate, state.Returned) : null,
                state.From is { } from ? DateTimeOffset.FromUnixTimeSeconds(from) : null, DateTimeOffset.FromUnixTimeSeconds(state.To));
        }
    }

    private PagingState Start(string fingerprint)
    {
        var to = (Query.To ?? _time.GetUtcNow()).ToUnixTimeSeconds();
        return new PagingState { Query = fingerprint, To = to, From = Query.From?.ToUnixTimeSeconds() };
    }

    /// <summary>
    /// Whether the first call of a re-anchored window's first page was returned before. That proves the window's
    /// <c>from</c> is at or before the creation time of the last call listed: Aircall lists in creation order, so every
    /// call returned before was created at or before that last call, and this one, created at or after <c>from</c>, is
    /// one of them. Every call not yet returned was created at or after that last call, so it is in the window.
    /// </summary>
    private static bool StartsWithKnownCall(CallList list, RecentCalls recent)
    {
        foreach (var call in list.Calls)
        {
            if (call is not null)
            {
                return recent.Contains(call.Id);
            }
        }

        return false; // an empty window cannot hold the last call listed: from is past its creation time
    }

    /// <summary>
    /// Moves the window's <c>from</c> to the last listed call's <c>started_at</c> minus the overlap; when that would not
    /// move it forward (a dense stretch), to one second before, then to that second itself (relying on de-duplication);
    /// when even that does not move it, more than 10,000 calls share the second. The new window is confirmed by its first
    /// page (see <see cref="StartsWithKnownCall"/>), else <see cref="Backoff"/> tries earlier starts.
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

                state.PreviousFrom = state.From;
                MoveTo(state, candidate, 0);
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
        var version = Storage.SnapshotVersion.ForPage(date, now, _maxClockSkew, out var untrusted);
        if (untrusted)
        {
            AircallTelemetry.UntrustedVersions.Add(1, new KeyValuePair<string, object?>("source", "batch"));
            Log.UntrustedDateHeader(_logger, date!.Value, now, _maxClockSkew.TotalSeconds);
        }

        return version;
    }

    /// <summary>
    /// The re-anchored window did not start with a call already returned, so its <c>from</c> may lie after the last listed
    /// call's creation time (its <c>started_at</c> was later than that). Try earlier: the earliest <c>started_at</c> of the
    /// last page's worth of calls returned, then of every call remembered, each minus the overlap; never back to the
    /// previous window's <c>from</c> (no progress), and at most <see cref="ReanchorAttempts"/> times.
    /// </summary>
    private void Backoff(PagingState state, RecentCalls recent, int attempt)
    {
        var current = state.From!.Value;
        long? candidate = attempt switch
        {
            1 => Math.Min(current - 1, (recent.Frontier() ?? current) - _overlapSeconds),
            2 => Math.Min(current - 1, (recent.Oldest() ?? current) - _overlapSeconds),
            _ => null,
        };
        if (candidate is not { } from || (state.PreviousFrom is { } floor && from <= floor))
        {
            var window = CallListInconsistentException.Describe(DateTimeOffset.FromUnixTimeSeconds(current), DateTimeOffset.FromUnixTimeSeconds(state.To));
            throw new CallListInconsistentException(
                $"Past Aircall's 10,000-result cap the enumeration moves its window's from to just before the last call listed, and checks that the new window starts with a call already returned. No start tried ({window}) passed that check, so calls could be skipped: the started_at of the calls around there lies far from their creation time, which Aircall filters by. Nothing was skipped; the checkpoint of the last page returned still holds. Run the sync again later; if it fails at the same place, narrow the query (search filters, or a shorter from/to range) so that the range holds fewer than 10,000 calls.",
                1, DateTimeOffset.FromUnixTimeSeconds(current), DateTimeOffset.FromUnixTimeSeconds(state.To));
        }

        Log.ReanchorUnconfirmed(_logger, DateTimeOffset.FromUnixTimeSeconds(current), attempt, ReanchorAttempts);
        MoveTo(state, from, attempt);
    }

    private static void MoveTo(PagingState state, long from, int attempt)
    {
        state.From = from;
        state.Page = 1;
        state.WindowTotal = null;
        state.ReanchorAttempt = attempt;
    }

    private async Task<PageAnswer> FetchAsync(PagingState state, CancellationToken cancellationToken)
    {
        var confirmingShrink = false;
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
            var last = attempt >= PageAttempts;
            if (response.Error is not null || response.Content is not { HasCalls: true } list)
            {
                // 200 with a body that is not a call list (truncated by a proxy, {} or "calls": null): ask again, it is a GET.
                Log.MalformedPage(_logger, state.Page, attempt, PageAttempts);
                if (last)
                {
                    throw new AircallApiException(
                        new AircallErrorDetails { StatusCode = response.StatusCode ?? System.Net.HttpStatusCode.OK, Method = "GET", Path = response.RequestMessage?.RequestUri?.AbsolutePath },
                        $"Aircall answered {PageAttempts} times with a body that is not a valid call list; retry later. ({response.Error?.InnerException?.Message ?? response.Error?.Message ?? "no calls array"})");
                }

                continue;
            }

            if (response.RequestMessage?.Options.TryGetValue(BufferedResponseContent.BodyKey, out var body) == true)
            {
                // Each call keeps the bytes Aircall sent for it, a slice of the page's buffered body.
                RawCallSlices.Attach(list.Calls, body);
            }

            var nulls = CountNulls(list.Calls);
            if (nulls > 0)
            {
                // A null entry is not a call, but it may stand for one the server failed to write: ask again first.
                Log.NullCallEntries(_logger, state.Page, nulls, attempt, PageAttempts, last ? "skipped them" : "asking again");
                if (!last)
                {
                    continue;
                }
            }

            var verdict = Judge(state, list, out var reason);
            if (verdict == Verdict.Contradicts)
            {
                Log.ContradictingPage(_logger, state.Page, reason, attempt, PageAttempts);
                if (last)
                {
                    var window = CallListInconsistentException.Describe(state.From is { } f ? DateTimeOffset.FromUnixTimeSeconds(f) : null, DateTimeOffset.FromUnixTimeSeconds(state.To));
                    throw new CallListInconsistentException(
                        $"Aircall answered page {state.Page} of the calls {window} {PageAttempts} times with {reason}. Taking that as the end would leave calls out, so the enumeration stops instead: every call returned so far is sound and the checkpoint of the last page returned still holds. Run the sync again later (it resumes from that checkpoint); if it keeps failing at the same page, report the window to Aircall support.",
                        state.Page, state.From is { } from ? DateTimeOffset.FromUnixTimeSeconds(from) : null, DateTimeOffset.FromUnixTimeSeconds(state.To));
                }

                continue;
            }

            if (verdict == Verdict.Shrunk && !confirmingShrink && !last)
            {
                // Self-consistent, but fewer calls than the window's first page announced: deletions, or a fault. Ask once more.
                confirmingShrink = true;
                Log.ContradictingPage(_logger, state.Page, reason, attempt, PageAttempts);
                continue;
            }

            if (verdict == Verdict.Shrunk)
            {
                Log.WindowShrank(_logger, state.WindowTotal ?? 0, list.Meta?.Total ?? 0);
            }

            var hasMore = HasMore(state, list);
            return new PageAnswer(list, PageVersion(response.Headers.Date), hasMore);
        }
    }

    /// <summary>
    /// Whether a page contradicts what the API said (see the remarks of <see cref="CallPageable"/>): positions are counted
    /// from the page number, so that a page is judged on its own and on the window's first <c>meta.total</c>.
    /// </summary>
    private static Verdict Judge(PagingState state, CallList list, out string reason)
    {
        reason = string.Empty;
        var count = list.Calls.Count;
        var next = list.Meta?.NextPageLink is not null;
        if (count == 0 && next)
        {
            reason = "no calls while next_page_link says more follow";
            return Verdict.Contradicts;
        }

        if (!IsLast(list))
        {
            return Verdict.Consistent;
        }

        var reached = ((long)(state.Page - 1) * PageSize) + count;
        var own = list.Meta?.Total;
        var announced = state.Page == 1 ? own : state.WindowTotal;
        if ((own ?? announced) is { } said && reached < Math.Min(said, ResultCap))
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"a last page ending at call {reached} while meta.total says {said}");
            return Verdict.Contradicts;
        }

        if (own is not null && announced is { } first && reached < Math.Min(first, ResultCap))
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"a last page ending at call {reached} (meta.total now {own}) while the window's first page said {first}");
            return Verdict.Shrunk;
        }

        return Verdict.Consistent;
    }

    private static bool IsLast(CallList list)
        => list.Calls.Count == 0 || (list.Meta is { } meta ? meta.NextPageLink is null : list.Calls.Count < PageSize);

    /// <summary>More pages follow; or the page is the last Aircall serves of a window that holds more (at the cap): re-anchor.</summary>
    private static bool HasMore(PagingState state, CallList list)
    {
        if (!IsLast(list))
        {
            return true;
        }

        var reached = ((long)(state.Page - 1) * PageSize) + list.Calls.Count;
        var total = list.Meta?.Total ?? state.WindowTotal;
        return reached >= ResultCap && total > reached;
    }

    private static int CountNulls(IReadOnlyList<Call> calls)
    {
        var nulls = 0;
        for (var i = 0; i < calls.Count; i++)
        {
            if (calls[i] is null)
            {
                nulls++;
            }
        }

        return nulls;
    }

    private enum Verdict
    {
        Consistent,
        Contradicts,
        Shrunk,
    }

    private readonly record struct PageAnswer(CallList List, DateTimeOffset Version, bool HasMore);
}
