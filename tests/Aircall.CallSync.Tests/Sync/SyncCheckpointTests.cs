using System.Text;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Sync;
using Aircall.CallSync.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Sync;

/// <summary>One checkpoint format, one codec; the range of a query is part of its checkpoint key.</summary>
public sealed class SyncCheckpointTests : IDisposable
{
    private readonly MockAircall _aircall = new();

    public void Dispose() => _aircall.Dispose();

    [Fact]
    public void A_checkpoint_nests_the_paging_state_as_json_in_unpadded_base64url()
    {
        var state = new PagingState { Query = "abc", To = 1_700_000_000, From = 1_690_000_000, Page = 3, Returned = 100 };
        var checkpoint = new SyncCheckpoint { RunFrom = 1_690_000_000, Page = state };

        var text = checkpoint.Encode();

        text.Should().StartWith("cs2.");
        text.Should().NotContainAny("=", "+", "/");
        var json = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(text.AsSpan(4)));
        json.Should().Contain("\"page\":{").And.NotContain("cq1.", "the paging state is JSON, not a second encoded token");
        var decoded = SyncCheckpoint.Decode(text)!;
        decoded.RunFrom.Should().Be(1_690_000_000);
        decoded.ResumeToken.Should().Be(state.Encode(), "the enumeration resumes from the same continuation token");
    }

    [Fact]
    public void A_checkpoint_written_before_the_codec_was_unified_is_still_read()
    {
        var token = new PagingState { Query = "abc", To = 1_700_000_000, Page = 2 }.Encode();
        var legacy = "cs1." + Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"from":1690000000,"token":"{{token}}","done_to":1680000000}"""));

        var decoded = SyncCheckpoint.Decode(legacy)!;

        decoded.RunFrom.Should().Be(1_690_000_000);
        decoded.CompletedTo.Should().Be(1_680_000_000);
        decoded.ResumeToken.Should().Be(token);
    }

    [Fact]
    public void A_continuation_token_keeps_its_recent_calls_as_started_and_id_pairs()
    {
        // The shape every cq1. token has had: recent calls as [started_at, id] pairs.
        var json = """{"q":"abc","to":1700000000,"page":2,"n":3,"recent":[[1690000000,11],[1690000005,12]]}""";
        var token = "cq1." + System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

        var state = PagingState.Decode(token, "abc");

        state.Recent.Should().Equal(new RecentCall(1_690_000_000, 11), new RecentCall(1_690_000_005, 12));
        Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(state.Encode().AsSpan(4)))
            .Should().Contain("\"recent\":[[1690000000,11],[1690000005,12]]");
        var malformed = "cq1." + System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes("""{"q":"abc","to":1,"recent":[[1,2,3]]}"""));
        FluentActions.Invoking(() => PagingState.Decode(malformed, "abc")).Should().Throw<ArgumentException>().WithMessage("*not one this SDK produced*");
    }

    [Theory]
    [InlineData("cs2.not-base64!")]
    [InlineData("cs1.")]
    [InlineData("something else")]
    public void A_checkpoint_the_sdk_did_not_write_is_a_clear_error(string text)
    {
        var decode = () => SyncCheckpoint.Decode(text);

        decode.Should().Throw<InvalidOperationException>().WithMessage("*not one this SDK wrote*delete it*");
    }

    [Fact]
    public void The_default_checkpoint_key_covers_the_time_range_as_well_as_the_filters()
    {
        var client = _aircall.Client();
        var all = CallSyncRunner.DefaultCheckpointKey(client, CallQuery.All);
        var january = CallSyncRunner.DefaultCheckpointKey(client, new CallQuery { From = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), To = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero) });
        var inbound = CallSyncRunner.DefaultCheckpointKey(client, new CallQuery { Direction = Aircall.CallSync.Models.CallDirection.Inbound });

        new[] { all, january, inbound }.Should().OnlyHaveUniqueItems("another range or other filters is another sync job");
        CallSyncRunner.DefaultCheckpointKey(client, new CallQuery()).Should().Be(all, "an empty query is the query of every call");
        all.Should().StartWith("aircall:calls:" + client.AccountKey + ":");
    }

    [Fact]
    public async Task A_run_resumes_from_a_checkpoint_in_the_former_format()
    {
        var store = new InMemoryCallStore();
        var checkpoints = new InMemoryCheckpointStore();
        var client = _aircall.Client();
        var key = CallSyncRunner.DefaultCheckpointKey(client, CallQuery.All);
        await checkpoints.SetAsync(key, "cs1." + Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"done_to":1600000000}""")), TestContext.Current.CancellationToken);
        _aircall.Http.Expect(HttpMethod.Get, MockAircall.BaseUrl + "v1/calls")
            .With(request => request.RequestUri!.Query.Contains("from=1599913600", StringComparison.Ordinal))
            .Respond("application/json", """{"calls":[],"meta":{"total":0,"count":0,"current_page":1,"per_page":50,"next_page_link":null}}""");

        var result = await new CallSyncRunner(store, checkpoints, _aircall.Time).RunAsync(client, cancellationToken: TestContext.Current.CancellationToken);

        _aircall.Http.VerifyNoOutstandingExpectation();
        result.From.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1_600_000_000 - 86_400), "an incremental run from the former checkpoint's bound minus the look-back");
        (await checkpoints.GetAsync(key, TestContext.Current.CancellationToken)).Should().StartWith("cs2.");
    }
}
