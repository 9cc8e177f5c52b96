using Aircall.CallSync.Models;

namespace Aircall.CallSync.Storage;

/// <summary>A call as a store holds it, with the version it was written at and the account it belongs to.</summary>
/// <param name="Call">The call snapshot.</param>
/// <param name="Version">The snapshot's version, to the microsecond (<see cref="CallWrite.Version"/>).</param>
public sealed record StoredCall(Call Call, DateTimeOffset Version)
{
    /// <summary>
    /// The account the row belongs to (the <see cref="CallWrite.AccountId"/> it was written with); <c>null</c> for a store
    /// that serves one account. With <see cref="Call"/>'s id, the call's identity in the store.
    /// </summary>
    public string? AccountId { get; init; }

    /// <summary>
    /// The JSON the store kept for the call, byte for byte the <see cref="CallWrite.Payload"/> it was written with (what
    /// Aircall sent); empty when the store keeps no payload.
    /// </summary>
    public ReadOnlyMemory<byte> Payload { get; init; }
}
