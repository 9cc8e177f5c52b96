using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Aircall.CallSync.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// The SQL of the calls table for one model and dialect: the table and column names come from the user's model (so a
/// schema, a renamed table or columns set in their <c>OnModelCreating</c> are honoured), the values are always
/// parameters. Built once per model and cached.
/// </summary>
internal sealed class CallsTable
{
    /// <summary>The properties written, in the order <see cref="CallRow"/> binds their values.</summary>
    internal static readonly string[] Properties =
    [
        nameof(AircallCall.AccountId), nameof(AircallCall.CallId), nameof(AircallCall.Direction), nameof(AircallCall.Status),
        nameof(AircallCall.StartedAt), nameof(AircallCall.AnsweredAt), nameof(AircallCall.EndedAt), nameof(AircallCall.Duration),
        nameof(AircallCall.MissedCallReason), nameof(AircallCall.IsMissed), nameof(AircallCall.InCallDuration),
        nameof(AircallCall.RawDigits), nameof(AircallCall.UserId), nameof(AircallCall.NumberId), nameof(AircallCall.Archived),
        nameof(AircallCall.Tags), nameof(AircallCall.Comments), nameof(AircallCall.Version), nameof(AircallCall.Payload),
        nameof(AircallCall.ContactId), nameof(AircallCall.ContactName), nameof(AircallCall.TeamIds),
        nameof(AircallCall.AssignedToId), nameof(AircallCall.TransferredById), nameof(AircallCall.TransferredToId),
        nameof(AircallCall.HangupCause), nameof(AircallCall.HasRecording), nameof(AircallCall.HasVoicemail), nameof(AircallCall.Asset),
    ];

    /// <summary>
    /// Rows per statement, far below both databases' limits on parameters in one statement (PostgreSQL 65,535; SQLite
    /// 32,766), so a list of any length is written in statements of at most this many rows.
    /// </summary>
    internal const int MaxRowsPerStatement = 500;

    private static readonly ConditionalWeakTable<IModel, CallsTable> ByModel = new();

    private readonly string _insertInto;
    private readonly string _onConflict;
    private readonly string _returning;
    private readonly string[] _valueFormats;
    private readonly ConcurrentDictionary<(int Rows, bool Returning), string> _statements = new();

    private CallsTable(MappedTable table, StoreDialect dialect)
    {
        Dialect = dialect;
        TableName = table.Name;
        var columns = new string[Properties.Length];
        _valueFormats = new string[Properties.Length];
        for (var i = 0; i < Properties.Length; i++)
        {
            (columns[i], var property) = table.Column(Properties[i]);
            // PostgreSQL does not turn a text parameter into json or jsonb by itself: say so.
            var type = property.GetColumnType();
            _valueFormats[i] = dialect == StoreDialect.PostgreSql && type.StartsWith("json", StringComparison.OrdinalIgnoreCase)
                ? "CAST({0} AS " + type + ")"
                : "{0}";
        }

        string Column(string property) => columns[Array.IndexOf(Properties, property)];
        var status = Column(nameof(AircallCall.Status));
        var version = Column(nameof(AircallCall.Version));
        var keys = Column(nameof(AircallCall.AccountId)) + ", " + Column(nameof(AircallCall.CallId));
        var set = new StringBuilder();
        for (var i = 2; i < columns.Length; i++)
        {
            set.Append(set.Length == 0 ? "" : ", ").Append(columns[i]).Append(" = excluded.").Append(columns[i]);
        }

        _insertInto = $"INSERT INTO {table.Delimited} AS t ({string.Join(", ", columns)}) VALUES ";
        // The version rule of CallWrite.Supersedes, in SQL: a write applies unless the stored status is further in the
        // lifecycle (Rank), and only when its version is the same or newer.
        _onConflict = $"""

            ON CONFLICT ({keys}) DO UPDATE SET {set}
            WHERE {Rank("excluded." + status)} >= {Rank("t." + status)} AND excluded.{version} >= t.{version}
            """;
        // The keys of the rows inserted or updated: a row the WHERE kept as it was is not returned.
        _returning = $"\nRETURNING {keys}";
    }

    /// <summary>The dialect the SQL is written in.</summary>
    internal StoreDialect Dialect { get; }

    /// <summary>The table's name as the model gives it (schema-qualified when it has one), for messages.</summary>
    internal string TableName { get; }

    /// <summary>The calls table of <paramref name="context"/>'s model.</summary>
    /// <exception cref="NotSupportedException">The provider is neither Npgsql nor SQLite.</exception>
    /// <exception cref="InvalidOperationException">The model has no <see cref="AircallCall"/>.</exception>
    internal static CallsTable Of(DbContext context) => MappedTable.Of<AircallCall, CallsTable>(context, ByModel, (table, dialect) => new CallsTable(table, dialect));

    /// <summary>
    /// The upsert of <paramref name="rows"/> calls, with parameters numbered from 0, <see cref="Properties"/>.Length per
    /// row; with <paramref name="returning"/>, it returns the (account, call id) of each row it applied.
    /// </summary>
    internal string Statement(int rows, bool returning = false) => _statements.GetOrAdd((rows, returning), Build);

    /// <summary>The name a parameter of <paramref name="index"/> takes.</summary>
    internal string ParameterName(int index) => Dialect.ParameterName(index);

    private string Build((int Rows, bool Returning) shape)
    {
        var rows = shape.Rows;
        var text = new StringBuilder(_insertInto, _insertInto.Length + (rows * Properties.Length * 8) + _onConflict.Length);
        for (var row = 0; row < rows; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < Properties.Length; column++)
            {
                if (column > 0)
                {
                    text.Append(", ");
                }

                text.AppendFormat(CultureInfo.InvariantCulture, _valueFormats[column], Dialect.Placeholder((row * Properties.Length) + column));
            }

            text.Append(')');
        }

        text.Append(_onConflict);
        return (shape.Returning ? text.Append(_returning) : text).ToString();
    }

    /// <summary>CallWrite.Rank in SQL: done 3, answered 2, initial 1, anything else (or null) 0; compared as the wire value is, ordinally.</summary>
    private static string Rank(string status)
        => $"(CASE {status} WHEN '{CallStatus.Done.Value}' THEN 3 WHEN '{CallStatus.Answered.Value}' THEN 2 WHEN '{CallStatus.Initial.Value}' THEN 1 ELSE 0 END)";
}
