using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>The statements of the accounts table for one model: names from the model, values as parameters.</summary>
internal sealed class AccountsTable
{
    /// <summary>The columns of a save, in parameter order.</summary>
    internal static readonly string[] SaveProperties =
    [
        nameof(AircallAccountEntity.AccountId), nameof(AircallAccountEntity.CompanyId), nameof(AircallAccountEntity.Name),
        nameof(AircallAccountEntity.Status), nameof(AircallAccountEntity.ProtectedAccessToken), nameof(AircallAccountEntity.WebhookId),
        nameof(AircallAccountEntity.WebhookTokenDigest), nameof(AircallAccountEntity.InstalledAt), nameof(AircallAccountEntity.UpdatedAt),
        nameof(AircallAccountEntity.LastWebhookAt), nameof(AircallAccountEntity.LastSyncAt), nameof(AircallAccountEntity.NextSyncAt),
        nameof(AircallAccountEntity.CallsSynced), nameof(AircallAccountEntity.LastError), nameof(AircallAccountEntity.LastErrorAt),
    ];

    private static readonly ConditionalWeakTable<IModel, AccountsTable> ByModel = new();

    private AccountsTable(MappedTable table, StoreDialect dialect)
    {
        Dialect = dialect;
        TableName = table.Name;
        Delimited = table.Delimited;
        string Column(string property) => table.Column(property).Column;
        AccountId = Column(nameof(AircallAccountEntity.AccountId));
        Digest = Column(nameof(AircallAccountEntity.WebhookTokenDigest));
        LastWebhookAt = Column(nameof(AircallAccountEntity.LastWebhookAt));
        LastSyncAt = Column(nameof(AircallAccountEntity.LastSyncAt));
        NextSyncAt = Column(nameof(AircallAccountEntity.NextSyncAt));
        CallsSynced = Column(nameof(AircallAccountEntity.CallsSynced));
        LastError = Column(nameof(AircallAccountEntity.LastError));
        LastErrorAt = Column(nameof(AircallAccountEntity.LastErrorAt));

        var columns = SaveProperties.Select(Column).ToArray();
        var values = string.Join(", ", columns.Select((_, i) => dialect.Placeholder(i)));
        var updates = string.Join(", ", columns.Skip(1).Select(c => $"{c} = excluded.{c}"));
        Save = $"INSERT INTO {Delimited} ({string.Join(", ", columns)}) VALUES ({values}) ON CONFLICT ({AccountId}) DO UPDATE SET {updates}";
        OwnerOfDigest = $"SELECT {AccountId} FROM {Delimited} WHERE {Digest} = {dialect.Placeholder(0)}";
    }

    internal StoreDialect Dialect { get; }

    internal string TableName { get; }

    /// <summary>Inserts an account or replaces every column of the stored one (parameters in <see cref="SaveProperties"/> order).</summary>
    internal string Save { get; }

    /// <summary>The account id holding a digest (parameter 0).</summary>
    internal string OwnerOfDigest { get; }

    /// <summary>The collation that orders account ids ordinally (by their UTF-8 bytes): PostgreSQL's <c>C</c>, SQLite's <c>BINARY</c>.</summary>
    internal string OrdinalCollation => Dialect == StoreDialect.PostgreSql ? "C" : "BINARY";

    private string Delimited { get; }

    private string AccountId { get; }

    private string Digest { get; }

    private string LastWebhookAt { get; }

    private string LastSyncAt { get; }

    private string NextSyncAt { get; }

    private string CallsSynced { get; }

    private string LastError { get; }

    private string LastErrorAt { get; }

    /// <summary>The parameter name of parameter <paramref name="index"/>: none for PostgreSQL's positional parameters.</summary>
    internal string ParameterName(int index) => Dialect.ParameterName(index);

    /// <summary>
    /// One conditional UPDATE for an activity: only the members it sets appear, the webhook time moves forward only, the
    /// count is added in the database. Parameter 0 is the account id; the others follow in the order of
    /// <paramref name="values"/>, which this fills.
    /// </summary>
    internal string RecordActivity(
        long? webhookAt, long? syncedAt, long callsSynced, long? nextSyncAt, string? error, long? errorAt, List<object> values)
    {
        var sql = new StringBuilder("UPDATE ").Append(Delimited).Append(" SET ");
        var first = true;
        string Next(object value)
        {
            values.Add(value);
            return Dialect.Placeholder(values.Count);
        }

        void Set(string column, string expression)
        {
            sql.Append(first ? string.Empty : ", ").Append(column).Append(" = ").Append(expression);
            first = false;
        }

        if (webhookAt is { } webhook)
        {
            var p = Next(webhook);
            Set(LastWebhookAt, $"CASE WHEN {LastWebhookAt} IS NULL OR {LastWebhookAt} < {p} THEN {p} ELSE {LastWebhookAt} END");
        }

        if (syncedAt is { } synced)
        {
            Set(LastSyncAt, Next(synced));
        }

        if (callsSynced != 0)
        {
            Set(CallsSynced, $"{CallsSynced} + {Next(callsSynced)}");
        }

        if (nextSyncAt is { } next)
        {
            Set(NextSyncAt, Next(next));
        }

        if (error is not null)
        {
            // Applied after SyncedAt: an activity that synced and failed keeps the error.
            Set(LastError, Next(error));
            Set(LastErrorAt, Next(errorAt!.Value));
        }
        else if (syncedAt is not null)
        {
            Set(LastError, "NULL");
            Set(LastErrorAt, "NULL");
        }

        return first ? string.Empty : sql.Append(" WHERE ").Append(AccountId).Append(" = ").Append(Dialect.Placeholder(0)).ToString();
    }

    internal static AccountsTable Of(DbContext context)
        => MappedTable.Of<AircallAccountEntity, AccountsTable>(context, ByModel, (table, dialect) => new AccountsTable(table, dialect));
}
