using Aircall.CallSync.Models;
using Aircall.CallSync.Storage;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.Upserts;

/// <summary>Writes whose snapshot number (the call's duration) tells which write a store holds.</summary>
internal static class Writes
{
    public static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    /// <summary>Every status a store meets: none, the three of the lifecycle, unknown ones, and a known one in the wrong case.</summary>
    public static readonly CallStatus?[] Statuses =
        [null, CallStatus.Initial, CallStatus.Answered, CallStatus.Done, new CallStatus("voicemail"), new CallStatus(""), new CallStatus("Done")];

    public static CallWrite Write(string? accountId, long callId, DateTimeOffset version, CallStatus? status, int snapshot)
        => new(new Call { Id = callId, Status = status, Duration = snapshot, StartedAt = Epoch }, version, CallWriteSource.Webhook, "call.test")
        {
            AccountId = accountId,
        };

    /// <summary>What a row must hold: the write's snapshot and version, its status and account.</summary>
    public static (string? Account, long Id, string? Status, DateTimeOffset Version, long? Snapshot) Row(StoredCall stored)
        => (stored.AccountId, stored.Call.Id, stored.Call.Status?.Value, stored.Version, stored.Call.Duration);

    public static (string? Account, long Id, string? Status, DateTimeOffset Version, long? Snapshot) Row(CallWrite write)
        => (write.AccountId, write.CallId, write.Call.Status?.Value, write.Version, write.Call.Duration);
}
