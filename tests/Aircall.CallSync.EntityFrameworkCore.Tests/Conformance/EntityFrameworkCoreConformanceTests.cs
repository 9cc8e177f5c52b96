using Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Testing;
using Aircall.CallSync.Testing.Xunit;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.Conformance;

/// <summary>The conformance kit users run against their stores, against ours, on a new database per fact.</summary>
public abstract class EntityFrameworkCoreConformanceTests(TestProvider provider) : CallStoreConformanceTests, IAsyncDisposable
{
    private readonly List<TestDatabase> _databases = [];

    protected override async Task<ICallStore> CreateStoreAsync()
    {
        var database = await TestDatabase.CreateAsync(provider);
        _databases.Add(database);
        return database.CallStore();
    }

    protected override Task<StoredCall?> FindAsync(ICallStore store, string? accountId, long callId)
        => ((EntityFrameworkCoreCallStore<CallsContext>)store).FindAsync(accountId, callId, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class PostgresConformanceTests() : EntityFrameworkCoreConformanceTests(TestProvider.PostgreSql);

public sealed class SqliteConformanceTests() : EntityFrameworkCoreConformanceTests(TestProvider.Sqlite);
