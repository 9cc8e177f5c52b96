using Aircall.CallSync.Models;

namespace Aircall.CallSync.Sync;

/// <summary>A call as a store holds it, with the version it was written at.</summary>
/// <param name="Call">The call snapshot.</param>
/// <param name="Version">The snapshot's version.</param>
public sealed record StoredCall(Call Call, DateTimeOffset Version);
