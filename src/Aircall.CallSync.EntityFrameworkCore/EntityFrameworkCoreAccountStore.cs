using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Aircall.CallSync.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// An <see cref="IAircallAccountStore"/> on the <see cref="AircallAccountEntity"/> table (<c>aircall_accounts</c>) of
/// your <typeparamref name="TContext"/>, on PostgreSQL or SQLite. Every operation is one round trip: a save is one
/// upsert, <see cref="RecordActivityAsync"/> one conditional UPDATE computed in the database (no read-modify-write, so
/// concurrent webhook deliveries and syncs from any number of processes lose nothing), the digest lookup one read of
/// the unique index on <c>webhook_token_digest</c>. Access tokens are stored protected by an
/// <see cref="IAccessTokenProtector"/> (ASP.NET Core Data Protection by default). Thread-safe: each operation uses a
/// context of its own.
/// </summary>
/// <remarks>
/// An access token that cannot be unprotected (the Data Protection keys were lost, or this instance has a key ring of
/// its own) does not fail the read: the account is returned with <see cref="AircallAccount.AccessToken"/> <c>null</c>,
/// <see cref="AircallAccount.Status"/> <see cref="AircallAccountStatus.NeedsReinstall"/> and a
/// <see cref="AircallAccount.LastError"/> that names the account and the fix, so a listing goes on with the other
/// accounts, the accounts page shows it, and installing the app again (which saves a new token) repairs it. The row
/// itself is left as it is: restoring the keys brings the token back.
/// </remarks>
/// <typeparam name="TContext">Your context; its model must include the Aircall tables (<c>modelBuilder.ApplyAircallCallSync()</c>).</typeparam>
public sealed class EntityFrameworkCoreAccountStore<TContext> : IAircallAccountStore
    where TContext : DbContext
{
    private const int ListPage = 500;
    private const int DigestLength = 32;

    private readonly ContextSource<TContext> _contexts;
    private readonly IAccessTokenProtector _protector;
    private readonly TimeProvider _time;

    /// <summary>Creates a store that takes a new context from <paramref name="contextFactory"/> for each operation.</summary>
    /// <param name="contextFactory">Your context factory.</param>
    /// <param name="protector">Protects the access tokens at rest: <see cref="DataProtectionAccessTokenProtector"/>, or yours.</param>
    /// <param name="timeProvider">The clock of the error time of an unreadable token; <see cref="TimeProvider.System"/> when <c>null</c>.</param>
    public EntityFrameworkCoreAccountStore(IDbContextFactory<TContext> contextFactory, IAccessTokenProtector protector, TimeProvider? timeProvider = null)
        : this(new ContextSource<TContext>(contextFactory), protector, timeProvider)
    {
    }

    internal EntityFrameworkCoreAccountStore(ContextSource<TContext> contexts, IAccessTokenProtector protector, TimeProvider? timeProvider)
    {
        _contexts = contexts;
        _protector = protector ?? throw new ArgumentNullException(nameof(protector));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    /// <exception cref="CallStoreException">The database failed; the message names it and says what to do.</exception>
    public async ValueTask<AircallAccount?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        var row = await ReadAsync(q => q.Where(a => a.AccountId == accountId), cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToAccount(row);
    }

    /// <inheritdoc/>
    /// <exception cref="CallStoreException">The database failed; the message names it and says what to do.</exception>
    public async ValueTask<AircallAccount?> FindByWebhookTokenDigestAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken)
    {
        if (digest.Length != DigestLength)
        {
            return null;
        }

        var key = digest.ToArray();
        var row = await ReadAsync(q => q.Where(a => a.WebhookTokenDigest == key), cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToAccount(row, withToken: false); // one per webhook delivery: no unprotect
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Read in pages of 500 accounts by key (one round trip each), so no connection is held while the caller works on
    /// an account, however long the listing takes.
    /// </remarks>
    /// <exception cref="CallStoreException">The database failed; the message names it and says what to do.</exception>
    public async IAsyncEnumerable<AircallAccount> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            var page = await _contexts.RunAsync((context, ct) =>
            {
                var table = AccountsTable.Of(context);
                var collation = table.OrdinalCollation;
                return StoreDatabase.RunAsync(context, table.Dialect, table.TableName, async (_, ct) =>
                {
                    var query = context.Set<AircallAccountEntity>().AsNoTracking();
                    if (after is not null)
                    {
                        // Translated to SQL (account_id COLLATE "C" > @after): the collation makes it ordinal, not .NET's culture.
#pragma warning disable CA1309
                        query = query.Where(a => string.Compare(EF.Functions.Collate(a.AccountId, collation), after) > 0);
#pragma warning restore CA1309
                    }

                    return await query.OrderBy(a => EF.Functions.Collate(a.AccountId, collation)).Take(ListPage).ToListAsync(ct).ConfigureAwait(false);
                }, ct);
            }, cancellationToken).ConfigureAwait(false);

            foreach (var row in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return ToAccount(row);
            }

            if (page.Count < ListPage)
            {
                yield break;
            }

            after = page[^1].AccountId;
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The account id is empty, or the digest is not 32 bytes.</exception>
    /// <exception cref="InvalidOperationException">Another account has the same webhook token digest; nothing was written.</exception>
    /// <exception cref="CallStoreException">The database failed; the message names it and says what to do.</exception>
    public async ValueTask SaveAsync(AircallAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(account.AccountId);
        if (account.WebhookTokenDigest is { Length: not DigestLength })
        {
            throw new ArgumentException("A webhook token digest is a SHA-256 digest of 32 bytes.", nameof(account));
        }

        var protectedToken = account.AccessToken is { } token ? _protector.Protect(token) : null;
        object?[] values =
        [
            account.AccountId, account.CompanyId, account.Name, (int)account.Status, protectedToken, account.WebhookId,
            account.WebhookTokenDigest, Micros(account.InstalledAt), Micros(account.UpdatedAt), Micros(account.LastWebhookAt),
            Micros(account.LastSyncAt), Micros(account.NextSyncAt), account.CallsSynced, account.LastError, Micros(account.LastErrorAt),
        ];
        DbType[] types =
        [
            DbType.String, DbType.Int64, DbType.String, DbType.Int32, DbType.String, DbType.String, DbType.Binary, DbType.Int64,
            DbType.Int64, DbType.Int64, DbType.Int64, DbType.Int64, DbType.Int64, DbType.String, DbType.Int64,
        ];
        await _contexts.RunAsync((context, ct) =>
        {
            var table = AccountsTable.Of(context);
            return StoreDatabase.RunAsync(context, table.Dialect, table.TableName, async (session, ct) =>
            {
                using var turn = await SqliteTurnAsync(table.Dialect, session, ct).ConfigureAwait(false);
                using var command = session.Command(table.Save);
                Bind(command, table, values, types);
                try
                {
                    return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
                catch (DbException exception) when (IsUniqueViolation(exception))
                {
                    var owner = await OwnerAsync(session, table, account.WebhookTokenDigest, ct).ConfigureAwait(false);
                    throw new InvalidOperationException(
                        $"Account '{owner ?? "another account"}' already has this webhook token digest; a webhook token belongs to one account, "
                        + $"so account '{account.AccountId}' was not saved. Ensure a webhook of its own for the account (and save its token's digest).");
                }
            }, ct);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The activity has an error without its time.</exception>
    /// <exception cref="CallStoreException">The database failed; the message names it and says what to do.</exception>
    public async ValueTask RecordActivityAsync(string accountId, AircallAccountActivity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Error is not null && activity.ErrorAt is null)
        {
            throw new ArgumentException("An activity with an error says when it happened (ErrorAt).", nameof(activity));
        }

        await _contexts.RunAsync((context, ct) =>
        {
            var table = AccountsTable.Of(context);
            var values = new List<object>();
            var sql = table.RecordActivity(
                Micros(activity.WebhookAt), Micros(activity.SyncedAt), activity.CallsSynced, Micros(activity.NextSyncAt), activity.Error, Micros(activity.ErrorAt), values);
            if (sql.Length == 0)
            {
                return ValueTask.FromResult(0);
            }

            values.Insert(0, accountId);
            return StoreDatabase.RunAsync(context, table.Dialect, table.TableName, async (session, ct) =>
            {
                using var turn = await SqliteTurnAsync(table.Dialect, session, ct).ConfigureAwait(false);
                using var command = session.Command(sql);
                Bind(command, table, values.ToArray(), values.Select(v => v is string ? DbType.String : DbType.Int64).ToArray());
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }, ct);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static long? Micros(DateTimeOffset? value) => value is { } time ? StoreModel.ToUnixMicroseconds(time) : null;

    private static async ValueTask<SqliteWriteGate.Turn?> SqliteTurnAsync(StoreDialect dialect, StoreDatabase.Session session, CancellationToken cancellationToken)
        => dialect == StoreDialect.Sqlite ? await SqliteWriteGate.EnterAsync(session.Connection.DataSource, cancellationToken).ConfigureAwait(false) : null;

    private static void Bind(DbCommand command, AccountsTable table, object?[] values, DbType[] types)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = table.ParameterName(i);
            parameter.DbType = types[i];
            parameter.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
    }

    /// <summary>A unique index refused the row: with the upsert on the key, that is the webhook token digest's.</summary>
    private static bool IsUniqueViolation(DbException exception)
        => exception.SqlState == "23505" || exception.Message.Contains("UNIQUE constraint failed", StringComparison.OrdinalIgnoreCase);

    private static async Task<string?> OwnerAsync(StoreDatabase.Session session, AccountsTable table, byte[]? digest, CancellationToken cancellationToken)
    {
        if (digest is null)
        {
            return null;
        }

        using var command = session.Command(table.OwnerOfDigest);
        Bind(command, table, [digest], [DbType.Binary]);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private async ValueTask<AircallAccountEntity?> ReadAsync(
        Func<IQueryable<AircallAccountEntity>, IQueryable<AircallAccountEntity>> filter, CancellationToken cancellationToken)
        => await _contexts.RunAsync((context, ct) =>
        {
            var table = AccountsTable.Of(context);
            return StoreDatabase.RunAsync(context, table.Dialect, table.TableName, (_, ct) => new ValueTask<AircallAccountEntity?>(
                filter(context.Set<AircallAccountEntity>().AsNoTracking()).FirstOrDefaultAsync(ct)), ct);
        }, cancellationToken).ConfigureAwait(false);

    private AircallAccount ToAccount(AircallAccountEntity row, bool withToken = true)
    {
        var account = new AircallAccount
        {
            AccountId = row.AccountId,
            CompanyId = row.CompanyId,
            Name = row.Name,
            Status = row.Status,
            WebhookId = row.WebhookId,
            WebhookTokenDigest = row.WebhookTokenDigest,
            InstalledAt = row.InstalledAt,
            UpdatedAt = row.UpdatedAt,
            LastWebhookAt = row.LastWebhookAt,
            LastSyncAt = row.LastSyncAt,
            NextSyncAt = row.NextSyncAt,
            CallsSynced = row.CallsSynced,
            LastError = row.LastError,
            LastErrorAt = row.LastErrorAt,
        };
        if (withToken && row.ProtectedAccessToken is { } protectedToken)
        {
            try
            {
                account.AccessToken = _protector.Unprotect(protectedToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
            {
                account.Status = AircallAccountStatus.NeedsReinstall;
                account.LastError = UnreadableToken(row.AccountId, exception);
                account.LastErrorAt = _time.GetUtcNow();
            }
        }

        return account;
    }

    /// <summary>What an unreadable token means and what to do; names the exception type only (never the value).</summary>
    internal static string UnreadableToken(string accountId, Exception exception)
        => $"The access token of account '{accountId}' cannot be unprotected ({exception.GetType().Name}): the Data Protection keys "
           + "that protected it are not in this instance's key ring. Persist one key ring for every instance and restart "
           + "(services.AddDataProtection().SetApplicationName(...).PersistKeysToFileSystem(...) or PersistKeysToDbContext<...>()), "
           + "or, if the keys are lost, install the app again in this Aircall account, which saves a new token.";
}
