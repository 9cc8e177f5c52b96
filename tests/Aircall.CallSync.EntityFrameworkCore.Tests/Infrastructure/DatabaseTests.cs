namespace Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>A test class with a new database of the provider, with the Aircall tables, for each test.</summary>
public abstract class DatabaseTests(TestProvider provider) : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    protected TestProvider Provider => provider;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => Database = await TestDatabase.CreateAsync(provider);

    public async ValueTask DisposeAsync()
    {
        await DisposeMoreAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what a test class adds, before the database is dropped.</summary>
    protected virtual ValueTask DisposeMoreAsync() => ValueTask.CompletedTask;
}
