using Aircall.CallSync.Models;
using Aircall.CallSync.Storage;

namespace Aircall.CallSync.Tests.Sync;

public sealed class CallWriteTests
{
    private static readonly DateTimeOffset Second = DateTimeOffset.FromUnixTimeSeconds(1_700_000_010);

    [Fact]
    public void The_version_is_kept_in_UTC_to_the_microsecond()
    {
        var local = new DateTimeOffset(Second.AddTicks(1_234_567).UtcDateTime).ToOffset(TimeSpan.FromHours(14));

        var write = new CallWrite(new Call { Id = 1 }, local, CallWriteSource.Webhook);

        write.Version.Offset.Should().Be(TimeSpan.Zero);
        write.Version.Should().Be(Second.AddTicks(1_234_560), "0.1234567 s is kept as 0.123456 s: stores hold microseconds exactly");
    }

    [Fact]
    public void Two_events_of_the_same_second_are_ordered()
    {
        var early = new CallWrite(new Call { Id = 1, Status = CallStatus.Done }, Second.AddMilliseconds(100), CallWriteSource.Webhook);
        var late = new CallWrite(new Call { Id = 1, Status = CallStatus.Done }, Second.AddMilliseconds(900), CallWriteSource.Webhook);

        early.Supersedes(late.Version, CallStatus.Done).Should().BeFalse();
        late.Supersedes(early.Version, CallStatus.Done).Should().BeTrue();
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("customer-7", "customer-7")]
    public void An_empty_account_id_is_no_account(string? given, string? expected)
        => new CallWrite(new Call { Id = 1 }, Second, CallWriteSource.Batch) { AccountId = given }.AccountId.Should().Be(expected);
}
