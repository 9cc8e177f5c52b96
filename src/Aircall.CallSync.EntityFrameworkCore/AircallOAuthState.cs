namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// An issued OAuth <c>state</c> as the <c>aircall_oauth_states</c> table holds it until its callback consumes it, written
/// by <see cref="EntityFrameworkCoreOAuthStateStore{TContext}"/>: its SHA-256 digest only, never the state itself.
/// </summary>
public sealed class AircallOAuthState
{
    /// <summary>The SHA-256 digest (32 bytes) of the state (primary key).</summary>
    public byte[] StateDigest { get; set; } = [];

    /// <summary>When the state stops being accepted (UTC; UNIX microseconds in the database).</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
