using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// Where the user's model puts one of the Aircall entities: its table (schema-qualified, quoted for the provider) and
/// its columns, so that the stores write where the model, and so the user's migrations, say.
/// </summary>
internal sealed class MappedTable
{
    private readonly ISqlGenerationHelper _sql;
    private readonly IEntityType _entityType;
    private readonly StoreObjectIdentifier _table;
    private readonly string _context;

    private MappedTable(DbContext context, IEntityType entityType)
    {
        _sql = context.GetService<ISqlGenerationHelper>();
        _entityType = entityType;
        _context = context.GetType().Name;
        var tableName = entityType.GetTableName()
            ?? throw new InvalidOperationException($"{entityType.ClrType.Name} is not mapped to a table in {_context}'s model.");
        var schema = entityType.GetSchema();
        Name = schema is null ? tableName : schema + "." + tableName;
        Delimited = _sql.DelimitIdentifier(tableName, schema);
        _table = StoreObjectIdentifier.Table(tableName, schema);
    }

    /// <summary>The table's name as the model gives it (schema-qualified when it has one), for messages.</summary>
    internal string Name { get; }

    /// <summary>The table's name in SQL.</summary>
    internal string Delimited { get; }

    /// <summary>The SQL of a context's model for <typeparamref name="TEntity"/>, built once per model.</summary>
    /// <exception cref="NotSupportedException">The provider is neither Npgsql nor SQLite.</exception>
    /// <exception cref="InvalidOperationException">The model has no <typeparamref name="TEntity"/>.</exception>
    internal static T Of<TEntity, T>(DbContext context, ConditionalWeakTable<IModel, T> cache, Func<MappedTable, StoreDialect, T> create)
        where T : class
    {
        var dialect = StoreDialects.Of(context);
        var model = context.Model;
        if (cache.TryGetValue(model, out var known))
        {
            return known;
        }

        var entityType = model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException(
                $"{context.GetType().Name}'s model has no {typeof(TEntity).Name}: call modelBuilder.ApplyAircallCallSync() in its OnModelCreating, "
                + "then add a migration (dotnet ef migrations add AddAircallCallSync) and apply it (dotnet ef database update), "
                + "or, in tests, context.Database.EnsureCreated() on a new database.");
        return cache.GetValue(model, _ => create(new MappedTable(context, entityType), dialect));
    }

    /// <summary>The column of <paramref name="property"/>, quoted, and the property (for its store type).</summary>
    internal (string Column, IProperty Property) Column(string property)
    {
        var mapped = _entityType.FindProperty(property)
            ?? throw new InvalidOperationException($"{_entityType.ClrType.Name}.{property} is not mapped in {_context}'s model.");
        var name = mapped.GetColumnName(_table)
            ?? throw new InvalidOperationException($"{_entityType.ClrType.Name}.{property} has no column in the table {Name}.");
        return (_sql.DelimitIdentifier(name), mapped);
    }
}
