using Aircall.CallSync.EntityFrameworkCore;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Adds the Aircall tables to your EF Core model.</summary>
public static class AircallModelBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="AircallCall"/> (table <c>aircall_calls</c>), <see cref="AircallSyncCheckpoint"/> (table
    /// <c>aircall_sync_checkpoints</c>), <see cref="AircallAccountEntity"/> (table <c>aircall_accounts</c>, the accounts
    /// that installed your app) and <see cref="AircallOAuthState"/> (table <c>aircall_oauth_states</c>, the OAuth states
    /// awaiting their callback) to the model, so that your migrations create them and you can query calls with LINQ.
    /// Call it in <c>OnModelCreating</c>; configure the entities further after it (a schema, more indexes).
    /// </summary>
    /// <param name="modelBuilder">The builder of your context's model.</param>
    /// <returns>The same builder.</returns>
    public static ModelBuilder ApplyAircallCallSync(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        return modelBuilder
            .ApplyConfiguration(new AircallCallConfiguration())
            .ApplyConfiguration(new AircallSyncCheckpointConfiguration())
            .ApplyConfiguration(new AircallAccountConfiguration())
            .ApplyConfiguration(new AircallOAuthStateConfiguration());
    }
}
