using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>A user's context: their own entities, plus the Aircall tables; on PostgreSQL each test database is a schema of its own.</summary>
public sealed class CallsContext(DbContextOptions<CallsContext> options, string? schema = null) : DbContext(options), ISchemaContext
{
    public string? Schema { get; } = schema;

    /// <summary>One of the user's own tables, next to the Aircall ones.</summary>
    public DbSet<Customer> Customers => Set<Customer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (Schema is not null)
        {
            modelBuilder.HasDefaultSchema(Schema);
        }

        modelBuilder.Entity<Customer>().ToTable("customers");
        modelBuilder.ApplyAircallCallSync();
    }

}

/// <summary>A context whose tables are in a schema of the test's own.</summary>
public interface ISchemaContext
{
    string? Schema { get; }
}

/// <summary>One model per schema.</summary>
internal sealed class ModelPerSchema : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) => (context.GetType(), (context as ISchemaContext)?.Schema, designTime);
}

public sealed class Customer
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public long? AircallContactId { get; set; }
}
