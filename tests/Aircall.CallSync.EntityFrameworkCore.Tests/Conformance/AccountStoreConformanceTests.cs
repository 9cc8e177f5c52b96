using Aircall.CallSync.Accounts;
using Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;
using Aircall.CallSync.OAuth;
using Aircall.CallSync.Testing.Xunit;
using Microsoft.AspNetCore.DataProtection;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.Conformance;

/// <summary>The account store conformance kit against the EF Core account store, on a new database per fact.</summary>
public abstract class EntityFrameworkCoreAccountConformanceTests(TestProvider provider) : AccountStoreConformanceTests, IAsyncDisposable
{
    private readonly List<TestDatabase> _databases = [];

    protected override async Task<IAircallAccountStore> CreateStoreAsync()
    {
        var database = await TestDatabase.CreateAsync(provider);
        _databases.Add(database);
        return new EntityFrameworkCoreAccountStore<CallsContext>(database, new DataProtectionAccessTokenProtector(new EphemeralDataProtectionProvider()));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class PostgresAccountConformanceTests() : EntityFrameworkCoreAccountConformanceTests(TestProvider.PostgreSql);

public sealed class SqliteAccountConformanceTests() : EntityFrameworkCoreAccountConformanceTests(TestProvider.Sqlite);

/// <summary>The OAuth state store conformance kit against the EF Core state store.</summary>
public abstract class EntityFrameworkCoreOAuthStateConformanceTests(TestProvider provider) : OAuthStateStoreConformanceTests, IAsyncDisposable
{
    private readonly List<TestDatabase> _databases = [];

    protected override async Task<IOAuthStateStore> CreateStoreAsync()
    {
        var database = await TestDatabase.CreateAsync(provider);
        _databases.Add(database);
        return new EntityFrameworkCoreOAuthStateStore<CallsContext>(database);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class PostgresOAuthStateConformanceTests() : EntityFrameworkCoreOAuthStateConformanceTests(TestProvider.PostgreSql);

public sealed class SqliteOAuthStateConformanceTests() : EntityFrameworkCoreOAuthStateConformanceTests(TestProvider.Sqlite);
