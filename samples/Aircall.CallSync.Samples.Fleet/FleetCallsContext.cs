using Microsoft.EntityFrameworkCore;

namespace Aircall.CallSync.Samples.Fleet;

/// <summary>
/// The database the workers share with the partner's app: the SDK's tables (aircall_calls, aircall_sync_checkpoints,
/// aircall_accounts, aircall_oauth_states). The app installs accounts into aircall_accounts; the workers sync them.
/// </summary>
public sealed class FleetCallsContext(DbContextOptions<FleetCallsContext> options) : DbContext(options)
{
    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyAircallCallSync();
}
