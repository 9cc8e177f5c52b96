using Microsoft.EntityFrameworkCore;

namespace Aircall.CallSync.Samples.Partner;

/// <summary>
/// The app's own context, as a partner's app has one: here it holds only the Aircall tables (calls, sync checkpoints,
/// accounts), added by the EF Core package's model extensions. A real app adds its own entities next to them.
/// </summary>
internal sealed class PartnerDbContext(DbContextOptions<PartnerDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyAircallCallSync();
}
