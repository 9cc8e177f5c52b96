using System.Net;
using System.Net.Sockets;
using Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;
using Aircall.CallSync.Models;
using Aircall.CallSync.Storage;
using Npgsql;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.BadConditions;

/// <summary>
/// A database that cannot be reached, refuses the credentials or does not exist: every operation of both stores throws
/// a <see cref="CallStoreException"/> that names the database (host, port, database name or file) and never the password.
/// </summary>
public sealed class DatabaseErrorTests
{
    private const string Password = "fake-password-4f1d";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_PostgreSQL_server_that_is_down_is_named_by_host_port_and_database_by_every_operation()
    {
        var port = ClosedPort();
        var contexts = TestDatabase.Contexts(TestProvider.PostgreSql, $"Host=127.0.0.1;Port={port};Database=aircall_down;Username=aircall;Password={Password};Timeout=5");
        var calls = new EntityFrameworkCoreCallStore<CallsContext>(contexts);
        var checkpoints = new EntityFrameworkCoreCheckpointStore<CallsContext>(contexts);

        foreach (var operation in Operations(calls, checkpoints))
        {
            var error = (await operation.Should().ThrowAsync<CallStoreException>()).Which;
            error.Message.Should().Contain($"Cannot connect to the PostgreSQL database 'aircall_down' on 127.0.0.1:{port}").And.Contain("is the server running");
            error.ToString().Should().NotContain(Password);
            error.InnerException.Should().BeAssignableTo<NpgsqlException>();
        }
    }

    [Fact]
    public async Task Wrong_credentials_and_a_missing_database_say_which_and_never_show_the_password()
    {
        var server = new NpgsqlConnectionStringBuilder(await TestPostgres.RequireAsync());
        var wrongPassword = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Password = Password };
        var missingDatabase = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "aircall_no_such_database" };

        var refused = await Write(TestDatabase.Contexts(TestProvider.PostgreSql, wrongPassword.ConnectionString)).Should().ThrowAsync<CallStoreException>();
        refused.Which.Message.Should().Contain($"'{server.Database}' on 127.0.0.1:{server.Port}").And.Contain("refused the credentials");
        refused.Which.ToString().Should().NotContain(Password).And.NotContain(server.Password!);

        var missing = await Write(TestDatabase.Contexts(TestProvider.PostgreSql, missingDatabase.ConnectionString)).Should().ThrowAsync<CallStoreException>();
        missing.Which.Message.Should().Contain("'aircall_no_such_database'").And.Contain("the database does not exist");
        missing.Which.ToString().Should().NotContain(server.Password!);
    }

    [Fact]
    public async Task A_SQLite_file_that_cannot_be_opened_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), "aircall-no-such-directory-" + Guid.NewGuid().ToString("N"), "calls.db");
        var contexts = TestDatabase.Contexts(TestProvider.Sqlite, $"Data Source={path}");

        var error = await Write(contexts).Should().ThrowAsync<CallStoreException>();

        error.Which.Message.Should().Contain($"Cannot connect to the SQLite database '{path}'");
    }

    private static Func<Task> Write(Microsoft.EntityFrameworkCore.IDbContextFactory<CallsContext> contexts)
        => async () => await new EntityFrameworkCoreCallStore<CallsContext>(contexts).UpsertAsync(Call(1), Ct);

    internal static IEnumerable<Func<Task>> Operations(ICallStore calls, ICheckpointStore checkpoints)
    {
        yield return async () => await calls.UpsertAsync(Call(1), Ct);
        yield return async () => await calls.UpsertManyAsync([Call(1), Call(2)], Ct);
        yield return async () => await ((EntityFrameworkCoreCallStore<CallsContext>)calls).FindAsync(null, 1, Ct);
        yield return async () => await checkpoints.GetAsync("key", Ct);
        yield return async () => await checkpoints.SetAsync("key", "checkpoint", Ct);
    }

    internal static CallWrite Call(long id)
        => new(new Call { Id = id, Status = CallStatus.Done }, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), CallWriteSource.Webhook, "call.ended");

    /// <summary>A loopback port nothing listens on.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
