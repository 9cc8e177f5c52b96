using Microsoft.EntityFrameworkCore;

namespace Aircall.CallSync.Samples.Fleet;

/// <summary>The worker's database: the SDK's call and checkpoint tables (aircall_calls, aircall_sync_checkpoints).</summary>
public sealed class FleetCallsContext(DbContextOptions<FleetCallsContext> options) : DbContext(options)
{
    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyAircallCallSync();
}
