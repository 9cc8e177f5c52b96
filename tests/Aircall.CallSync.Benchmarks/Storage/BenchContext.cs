using Microsoft.EntityFrameworkCore;

namespace Aircall.CallSync.Benchmarks.Storage;

/// <summary>A user's context with the Aircall tables, as the EF Core store's docs set it up.</summary>
internal sealed class BenchContext(DbContextOptions<BenchContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyAircallCallSync();
}
