using Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;
using Npgsql;

namespace Aircall.CallSync.IntegrationTests.Samples;

/// <summary>
/// A PostgreSQL schema of its own for one test, on the server the EF Core store's tests use (<c>AIRCALL_TEST_POSTGRES</c>,
/// <see cref="TestPostgres"/>: skipped locally without a server, failed in CI): the sample's connection string puts it
/// first in the search path, so the sample creates its tables there. Dropped afterwards.
/// </summary>
internal sealed class SamplePostgresSchema : IAsyncDisposable
{
    private readonly string _serverConnectionString;

    private SamplePostgresSchema(string serverConnectionString, string schema)
    {
        _serverConnectionString = serverConnectionString;
        Schema = schema;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { SearchPath = schema }.ConnectionString;
    }

    public string Schema { get; }

    /// <summary>The value for <c>ConnectionStrings__Calls</c>.</summary>
    public string ConnectionString { get; }

    public static async Task<SamplePostgresSchema> CreateAsync()
    {
        var server = await TestPostgres.RequireAsync();
        var schema = new SamplePostgresSchema(server, "aircall_sample_" + Guid.NewGuid().ToString("N")[..12]);
        await schema.ExecuteAsync($"CREATE SCHEMA {schema.Schema}");
        return schema;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Each stored call's status and version (UNIX microseconds).</summary>
    public async Task<Dictionary<long, (string? Status, long Version)>> CallsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT call_id, status, version FROM aircall_calls", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var calls = new Dictionary<long, (string?, long)>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            calls[reader.GetInt64(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2));
        }

        return calls;
    }

    public async ValueTask DisposeAsync() => await ExecuteAsync($"DROP SCHEMA IF EXISTS {Schema} CASCADE");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
