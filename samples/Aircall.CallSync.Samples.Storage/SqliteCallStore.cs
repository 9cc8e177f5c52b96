using System.Globalization;
using System.Text.Json;
using Aircall.CallSync.Models;
using Aircall.CallSync.Storage;
using Microsoft.Data.Sqlite;

namespace Aircall.CallSync.Samples.Storage;

/// <summary>
/// An <see cref="ICallStore"/> on a SQLite file: one row per call, keyed by (<see cref="CallWrite.AccountId"/>, call id)
/// so that accounts sharing the database never touch each other's calls, written with a conditional upsert that applies
/// the version rule of <see cref="CallWrite.Supersedes"/> inside SQLite, so concurrent writers and retried deliveries
/// are safe. Creates its schema on first use, and migrates a database created by an earlier version of this store
/// (see <see cref="SchemaVersion"/>). Passes the conformance kit in Aircall.CallSync.Testing.
/// </summary>
public sealed class SqliteCallStore : ICallStore, IDisposable
{
    // The lifecycle rank of CallWrite.Rank, in SQL: done 3, answered 2, initial 1, anything else 0.
    private const string RankOfExcluded = "(CASE excluded.status WHEN 'done' THEN 3 WHEN 'answered' THEN 2 WHEN 'initial' THEN 1 ELSE 0 END)";
    private const string RankOfStored = "(CASE calls.status WHEN 'done' THEN 3 WHEN 'answered' THEN 2 WHEN 'initial' THEN 1 ELSE 0 END)";

    /// <summary>The columns of <c>calls</c> after the key that the first schema already had.</summary>
    private const string Schema0Columns = """
        direction, status, started_at, answered_at, ended_at, duration, missed_call_reason, is_missed, in_call_duration,
        raw_digits, user_id, number_id, archived, tags, comments, version, payload
        """;

    /// <summary>
    /// Schema 3: what the call-logging tutorial's tips name (contact, teams, assignment, transfers, hang-up cause), and
    /// whether a recording or voicemail exists, with the permanent <c>asset</c> page. The signed recording and voicemail
    /// URLs expire within minutes: they get no column (they stay in <c>payload</c>).
    /// </summary>
    private const string Schema3Columns = """
        contact_id INTEGER, contact_name TEXT, team_ids TEXT NOT NULL DEFAULT '[]', assigned_to_id INTEGER,
        transferred_by_id INTEGER, transferred_to_id INTEGER, hangup_cause TEXT,
        has_recording INTEGER NOT NULL DEFAULT 0, has_voicemail INTEGER NOT NULL DEFAULT 0, asset TEXT
        """;

    /// <summary>Fills the schema-3 columns of migrated rows from their payload (SQLite's JSON functions).</summary>
    private const string BackfillSchema3Sql = """
        UPDATE calls SET
            contact_id = json_extract(payload, '$.contact.id'),
            contact_name = NULLIF(TRIM(COALESCE(json_extract(payload, '$.contact.first_name'), '') || ' ' || COALESCE(json_extract(payload, '$.contact.last_name'), '')), ''),
            team_ids = COALESCE((SELECT json_group_array(json_extract(t.value, '$.id')) FROM json_each(payload, '$.teams') AS t), '[]'),
            assigned_to_id = json_extract(payload, '$.assigned_to.id'),
            transferred_by_id = json_extract(payload, '$.transferred_by.id'),
            transferred_to_id = json_extract(payload, '$.transferred_to.id'),
            hangup_cause = json_extract(payload, '$.hangup_cause'),
            has_recording = COALESCE(json_extract(payload, '$.recording'), json_extract(payload, '$.recording_short_url')) IS NOT NULL,
            has_voicemail = COALESCE(json_extract(payload, '$.voicemail'), json_extract(payload, '$.voicemail_short_url')) IS NOT NULL,
            asset = json_extract(payload, '$.asset')
        WHERE json_valid(payload);
        """;

    /// <summary>The <c>calls</c> table and its index.</summary>
    private const string CallsTableSql = """
        CREATE TABLE calls (
            account_id         TEXT NOT NULL DEFAULT '',
            id                 INTEGER NOT NULL,
            direction          TEXT,
            status             TEXT,
            started_at         INTEGER,
            answered_at        INTEGER,
            ended_at           INTEGER,
            duration           INTEGER,
            missed_call_reason TEXT,
            is_missed          INTEGER NOT NULL DEFAULT 0,
            in_call_duration   INTEGER,
            raw_digits         TEXT,
            user_id            INTEGER,
            number_id          INTEGER,
            archived           INTEGER NOT NULL DEFAULT 0,
            tags               TEXT NOT NULL DEFAULT '[]',
            comments           TEXT NOT NULL DEFAULT '[]',
            version            INTEGER NOT NULL,
            payload            TEXT NOT NULL,
            contact_id         INTEGER,
            contact_name       TEXT,
            team_ids           TEXT NOT NULL DEFAULT '[]',
            assigned_to_id     INTEGER,
            transferred_by_id  INTEGER,
            transferred_to_id  INTEGER,
            hangup_cause       TEXT,
            has_recording      INTEGER NOT NULL DEFAULT 0,
            has_voicemail      INTEGER NOT NULL DEFAULT 0,
            asset              TEXT,
            PRIMARY KEY (account_id, id)
        );
        CREATE INDEX IF NOT EXISTS calls_started_at ON calls (started_at);
        """;

    private const string UpsertSql = $"""
        INSERT INTO calls (account_id, id, direction, status, started_at, answered_at, ended_at, duration, missed_call_reason, is_missed,
                           in_call_duration, raw_digits, user_id, number_id, archived, tags, comments, version, payload,
                           contact_id, contact_name, team_ids, assigned_to_id, transferred_by_id, transferred_to_id, hangup_cause,
                           has_recording, has_voicemail, asset)
        VALUES ($account_id, $id, $direction, $status, $started_at, $answered_at, $ended_at, $duration, $missed_call_reason, $is_missed,
                $in_call_duration, $raw_digits, $user_id, $number_id, $archived, $tags, $comments, $version, $payload,
                $contact_id, $contact_name, $team_ids, $assigned_to_id, $transferred_by_id, $transferred_to_id, $hangup_cause,
                $has_recording, $has_voicemail, $asset)
        ON CONFLICT (account_id, id) DO UPDATE SET
            direction = excluded.direction, status = excluded.status, started_at = excluded.started_at,
            answered_at = excluded.answered_at, ended_at = excluded.ended_at, duration = excluded.duration,
            missed_call_reason = excluded.missed_call_reason, is_missed = excluded.is_missed,
            in_call_duration = excluded.in_call_duration, raw_digits = excluded.raw_digits, user_id = excluded.user_id,
            number_id = excluded.number_id, archived = excluded.archived, tags = excluded.tags, comments = excluded.comments,
            version = excluded.version, payload = excluded.payload,
            contact_id = excluded.contact_id, contact_name = excluded.contact_name, team_ids = excluded.team_ids,
            assigned_to_id = excluded.assigned_to_id, transferred_by_id = excluded.transferred_by_id,
            transferred_to_id = excluded.transferred_to_id, hangup_cause = excluded.hangup_cause,
            has_recording = excluded.has_recording, has_voicemail = excluded.has_voicemail, asset = excluded.asset
        WHERE excluded.version >= calls.version AND {RankOfExcluded} >= {RankOfStored};
        """;

    private const long MicrosecondsPerSecond = 1_000_000;

    private readonly string _connectionString;
    private readonly string _busyTimeoutPragma;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

    /// <summary>Creates a store on <paramref name="connectionString"/> (e.g. <c>Data Source=calls.db</c>).</summary>
    /// <param name="connectionString">
    /// A Microsoft.Data.Sqlite connection string. Its <c>Default Timeout</c> (seconds, 30 by default) is also the busy
    /// timeout: how long a write waits for another process that holds the database before failing with "database is
    /// locked" (see <see cref="SqliteErrors.IsBusy"/>).
    /// </param>
    public SqliteCallStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true };
        _connectionString = builder.ToString();
        BusyTimeout = TimeSpan.FromSeconds(Math.Max(0, builder.DefaultTimeout));
        DataSource = builder.DataSource;
        _busyTimeoutPragma = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)BusyTimeout.TotalMilliseconds};");
    }

    /// <summary>
    /// The schema this store writes, kept in the database's <c>PRAGMA user_version</c>: 0 (or a database without one) is
    /// the first schema, keyed by call id alone, with versions in whole seconds; 1 keys calls by (<c>account_id</c>,
    /// <c>id</c>); 2 keeps versions in UNIX microseconds, the precision of <see cref="CallWrite.Version"/>. Opening a
    /// database of an older schema migrates it in one transaction (its rows become calls without an account, their
    /// versions microseconds); 3 adds the columns of the call-logging tutorial's tips (contact, teams, assignment,
    /// transfers, hang-up cause, recording and voicemail presence, <c>asset</c>), filled from the payload of migrated rows.
    /// A newer schema is refused with an error that says what to do.
    /// </summary>
    public const int SchemaVersion = 3;

    /// <summary>The database file (the connection string's <c>Data Source</c>).</summary>
    public string DataSource { get; }

    /// <summary>How long a statement waits for a lock held by another connection (the connection string's <c>Default Timeout</c>).</summary>
    public TimeSpan BusyTimeout { get; }

    /// <summary>Releases the schema lock; pooled connections stay with Microsoft.Data.Sqlite's pool.</summary>
    public void Dispose() => _schemaLock.Dispose();

    /// <summary>The connection string in use.</summary>
    public string ConnectionString => _connectionString;

    /// <inheritdoc/>
    public async ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = CreateUpsert(connection, null);
        Bind(command, write);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <inheritdoc/>
    public async ValueTask<int> UpsertManyAsync(IReadOnlyList<CallWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = CreateUpsert(connection, transaction);
        var applied = 0;
        foreach (var write in writes)
        {
            Bind(command, write);
            applied += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    /// <summary>The stored call written without an account (an application serving one account), or <c>null</c>.</summary>
    /// <param name="callId">The call's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public Task<StoredCall?> FindAsync(long callId, CancellationToken cancellationToken = default)
        => FindAsync(null, callId, cancellationToken);

    /// <summary>An account's stored call and its version, or <c>null</c>.</summary>
    /// <param name="accountId">The account (<c>null</c> or empty: the calls written without an account).</param>
    /// <param name="callId">The call's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<StoredCall?> FindAsync(string? accountId, long callId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT account_id, payload, version FROM calls WHERE account_id = $account_id AND id = $id";
        command.Parameters.AddWithValue("$account_id", accountId ?? "");
        command.Parameters.AddWithValue("$id", callId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadStored(reader) : null;
    }

    /// <summary>The most recent calls by start time, newest first, of every account.</summary>
    /// <param name="limit">How many at most.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<StoredCall>> ListRecentAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT account_id, payload, version FROM calls ORDER BY started_at DESC, id DESC, account_id LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var calls = new List<StoredCall>();
        while (await reader.ReadAsync(cancellationToken))
        {
            calls.Add(ReadStored(reader));
        }

        return calls;
    }

    /// <summary>Counts for a summary: calls, missed calls, and the average in-call time of answered calls.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<CallStoreSummary> SummarizeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COALESCE(SUM(is_missed), 0), AVG(in_call_duration) FROM calls";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new CallStoreSummary(
            reader.GetInt64(0),
            reader.GetInt64(1),
            reader.IsDBNull(2) ? null : TimeSpan.FromSeconds(reader.GetDouble(2)));
    }

    /// <summary>Opens a connection, creating the schema on first use.</summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = _busyTimeoutPragma;
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            if (!_schemaReady)
            {
                await EnsureSchemaAsync(connection, cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            await using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                await wal.ExecuteNonQueryAsync(cancellationToken);
            }

            // One writer at a time (BEGIN IMMEDIATE): two processes opening an old database migrate it once.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken); // not deferred: BEGIN IMMEDIATE
            var version = Convert.ToInt32(await ScalarAsync(connection, transaction, "PRAGMA user_version", cancellationToken), CultureInfo.InvariantCulture);
            if (version > SchemaVersion)
            {
                throw new InvalidOperationException(
                    $"The database '{DataSource}' has schema version {version}, newer than this SqliteCallStore writes ({SchemaVersion}): "
                    + "it was written by a newer version of the samples. Run that version, or point ConnectionStrings:Calls at another file.");
            }

            var hasCalls = await ScalarAsync(connection, transaction, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'calls'", cancellationToken) is long and > 0;
            if (!hasCalls)
            {
                await ExecuteAsync(connection, transaction, CallsTableSql, cancellationToken);
            }
            else
            {
                if (version < 1)
                {
                    await MigrateFromCallIdKeyAsync(connection, transaction, cancellationToken);
                }

                if (version < 2)
                {
                    // Schema 1 to 2: versions were whole UNIX seconds, so two events of one second could not be ordered.
                    await ExecuteAsync(connection, transaction, $"UPDATE calls SET version = version * {MicrosecondsPerSecond};", cancellationToken);
                }

                if (version < 3)
                {
                    // Schema 2 to 3 (a schema-0 table was rebuilt above with these columns already).
                    if (version >= 1)
                    {
                        foreach (var column in Schema3Columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                        {
                            await ExecuteAsync(connection, transaction, $"ALTER TABLE calls ADD COLUMN {column};", cancellationToken);
                        }
                    }

                    await ExecuteAsync(connection, transaction, BackfillSchema3Sql, cancellationToken);
                }
            }

            await ExecuteAsync(connection, transaction, $"""
                CREATE TABLE IF NOT EXISTS sync_checkpoints (
                    name       TEXT PRIMARY KEY,
                    checkpoint TEXT NOT NULL,
                    saved_at   INTEGER NOT NULL
                );
                PRAGMA user_version = {SchemaVersion};
                """, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    /// <summary>
    /// Schema 0 to 1: the first schema keyed calls by <c>id</c> alone (<c>INTEGER PRIMARY KEY</c>), so one account could
    /// overwrite another's call. SQLite cannot change a primary key in place: the table is rebuilt with the key
    /// (<c>account_id</c>, <c>id</c>), and every existing row becomes a call without an account (<c>account_id</c> '').
    /// </summary>
    private async Task MigrateFromCallIdKeyAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var info = connection.CreateCommand())
        {
            info.Transaction = transaction;
            info.CommandText = "SELECT name FROM pragma_table_info('calls')";
            await using var reader = await info.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                columns.Add(reader.GetString(0));
            }
        }

        foreach (var column in Schema0Columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Prepend("id"))
        {
            if (!columns.Contains(column))
            {
                throw new InvalidOperationException(
                    $"The database '{DataSource}' has a 'calls' table without a '{column}' column: it was not created by SqliteCallStore, "
                    + "so it is left untouched. Point ConnectionStrings:Calls at another file, or rename that table.");
            }
        }

        await ExecuteAsync(connection, transaction, $"""
            DROP INDEX IF EXISTS calls_started_at;
            ALTER TABLE calls RENAME TO calls_schema0;
            {CallsTableSql}
            INSERT INTO calls (account_id, id, {Schema0Columns}) SELECT '', id, {Schema0Columns} FROM calls_schema0;
            DROP TABLE calls_schema0;
            """, cancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqliteCommand CreateUpsert(SqliteConnection connection, SqliteTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.CommandText = UpsertSql;
        command.Transaction = transaction;
        foreach (var name in (string[])["$account_id", "$id", "$direction", "$status", "$started_at", "$answered_at", "$ended_at", "$duration",
                     "$missed_call_reason", "$is_missed", "$in_call_duration", "$raw_digits", "$user_id", "$number_id", "$archived",
                     "$tags", "$comments", "$version", "$payload", "$contact_id", "$contact_name", "$team_ids", "$assigned_to_id",
                     "$transferred_by_id", "$transferred_to_id", "$hangup_cause", "$has_recording", "$has_voicemail", "$asset"])
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private static void Bind(SqliteCommand command, CallWrite write)
    {
        var call = write.Call;
        // The payload is what Aircall sent, byte for byte; the typed call gives the columns.
        var payload = write.Payload;
        using var document = JsonDocument.Parse(payload);
        var parameters = command.Parameters;
        parameters["$account_id"].Value = write.AccountId ?? "";
        parameters["$id"].Value = call.Id;
        parameters["$direction"].Value = (object?)call.Direction?.Value ?? DBNull.Value;
        parameters["$status"].Value = (object?)call.Status?.Value ?? DBNull.Value;
        parameters["$started_at"].Value = Seconds(call.StartedAt);
        parameters["$answered_at"].Value = Seconds(call.AnsweredAt);
        parameters["$ended_at"].Value = Seconds(call.EndedAt);
        parameters["$duration"].Value = (object?)call.Duration ?? DBNull.Value;
        parameters["$missed_call_reason"].Value = (object?)call.MissedCallReason?.Value ?? DBNull.Value;
        parameters["$is_missed"].Value = call.IsMissed ? 1 : 0;
        parameters["$in_call_duration"].Value = call.InCallDuration is { } talk ? (long)talk.TotalSeconds : DBNull.Value;
        parameters["$raw_digits"].Value = (object?)call.RawDigits ?? DBNull.Value;
        parameters["$user_id"].Value = (object?)call.User?.Id ?? DBNull.Value;
        parameters["$number_id"].Value = (object?)call.Number?.Id ?? DBNull.Value;
        parameters["$archived"].Value = call.Archived == true ? 1 : 0;
        parameters["$tags"].Value = RawArray(document.RootElement, "tags");
        parameters["$comments"].Value = RawArray(document.RootElement, "comments");
        parameters["$version"].Value = UnixMicroseconds(write.Version);
        parameters["$payload"].Value = System.Text.Encoding.UTF8.GetString(payload.Span);
        parameters["$contact_id"].Value = (object?)call.Contact?.Id ?? DBNull.Value;
        parameters["$contact_name"].Value = ContactName(call.Contact) is { } name ? name : DBNull.Value;
        parameters["$team_ids"].Value = TeamIds(call.Teams);
        parameters["$assigned_to_id"].Value = (object?)call.AssignedTo?.Id ?? DBNull.Value;
        parameters["$transferred_by_id"].Value = (object?)call.TransferredBy?.Id ?? DBNull.Value;
        parameters["$transferred_to_id"].Value = (object?)call.TransferredTo?.Id ?? DBNull.Value;
        parameters["$hangup_cause"].Value = (object?)call.HangupCause ?? DBNull.Value;
        parameters["$has_recording"].Value = string.IsNullOrEmpty(call.Recording) && string.IsNullOrEmpty(call.RecordingShortUrl) ? 0 : 1;
        parameters["$has_voicemail"].Value = call.HasVoicemail ? 1 : 0;
        parameters["$asset"].Value = (object?)call.Asset ?? DBNull.Value;
    }

    /// <summary>UNIX microseconds: exact for a <see cref="CallWrite.Version"/>, which holds whole microseconds.</summary>
    private static long UnixMicroseconds(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    private static DateTimeOffset FromUnixMicroseconds(long value) => DateTimeOffset.UnixEpoch.AddTicks(value * TimeSpan.TicksPerMicrosecond);

    private static object Seconds(DateTimeOffset? value) => value is { } v ? v.ToUnixTimeSeconds() : DBNull.Value;

    private static string? ContactName(Contact? contact)
        => contact is null ? null : $"{contact.FirstName} {contact.LastName}".Trim() is { Length: > 0 } name ? name : null;

    private static string TeamIds(IReadOnlyList<Team>? teams)
    {
        if (teams is null || teams.Count == 0)
        {
            return "[]";
        }

        var ids = new List<long>(teams.Count);
        foreach (var team in teams)
        {
            if (team.Id is { } id)
            {
                ids.Add(id);
            }
        }

        return "[" + string.Join(",", ids.Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]";
    }

    private static string RawArray(JsonElement call, string name)
        => call.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.GetRawText() : "[]";

    /// <summary>Reads (account_id, payload, version).</summary>
    private static StoredCall ReadStored(SqliteDataReader reader)
    {
        var account = reader.GetString(0);
        var payload = System.Text.Encoding.UTF8.GetBytes(reader.GetString(1));
        var call = AircallJson.ParseCall(payload);
        return new StoredCall(call, FromUnixMicroseconds(reader.GetInt64(2))) { AccountId = account.Length == 0 ? null : account, Payload = payload };
    }
}
