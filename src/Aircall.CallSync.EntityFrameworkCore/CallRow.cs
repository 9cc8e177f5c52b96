using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Aircall.CallSync.Models;
using Aircall.CallSync.Storage;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>A <see cref="CallWrite"/>'s row, and its values bound as parameters in the order of <see cref="CallsTable.Properties"/>.</summary>
internal static class CallRow
{
    private static readonly byte[] TagsName = "tags"u8.ToArray();
    private static readonly byte[] CommentsName = "comments"u8.ToArray();

    /// <summary>The row <paramref name="write"/> makes: the typed columns from the call, the payload as Aircall sent it.</summary>
    internal static AircallCall ToEntity(CallWrite write)
    {
        var call = write.Call;
        var payload = write.Payload;
        RawArrays(payload.Span, out var tags, out var comments);
        return new AircallCall
        {
            AccountId = write.AccountId ?? string.Empty,
            CallId = call.Id,
            Direction = call.Direction?.Value,
            Status = call.Status?.Value,
            StartedAt = call.StartedAt,
            AnsweredAt = call.AnsweredAt,
            EndedAt = call.EndedAt,
            Duration = call.Duration,
            MissedCallReason = call.MissedCallReason?.Value,
            IsMissed = call.IsMissed,
            InCallDuration = call.InCallDuration is { } talk ? (long)talk.TotalSeconds : null,
            RawDigits = call.RawDigits,
            UserId = call.User?.Id,
            NumberId = call.Number?.Id,
            Archived = call.Archived == true,
            Tags = tags,
            Comments = comments,
            Version = write.Version,
            Payload = Encoding.UTF8.GetString(payload.Span),
            ContactId = call.Contact?.Id,
            ContactName = ContactName(call.Contact),
            TeamIds = TeamIds(call.Teams),
            AssignedToId = call.AssignedTo?.Id,
            TransferredById = call.TransferredBy?.Id,
            TransferredToId = call.TransferredTo?.Id,
            HangupCause = call.HangupCause,
            HasRecording = !string.IsNullOrEmpty(call.Recording) || !string.IsNullOrEmpty(call.RecordingShortUrl),
            HasVoicemail = call.HasVoicemail,
            Asset = call.Asset,
        };
    }

    /// <summary>Adds the parameters of <paramref name="row"/>, numbered from <paramref name="first"/>, in the order of <see cref="CallsTable.Properties"/>.</summary>
    internal static void Add(DbParameterCollection parameters, Func<DbParameter> create, CallsTable table, int first, AircallCall row)
    {
        var index = first;
        void Value(object? value, DbType? type)
        {
            var parameter = create();
            parameter.ParameterName = table.ParameterName(index++);
            if (type is { } dbType)
            {
                parameter.DbType = dbType;
            }

            // PostgreSQL's text cannot hold U+0000, which a JSON string can (as \u0000): that character costs itself, never
            // the call. (The payload keeps the escape as Aircall wrote it.)
            parameter.Value = value is string text && text.Contains('\0', StringComparison.Ordinal) ? text.Replace("\0", "", StringComparison.Ordinal) : value ?? DBNull.Value;
            parameters.Add(parameter);
        }

        Value(row.AccountId, DbType.String);
        Value(row.CallId, DbType.Int64);
        Value(row.Direction, DbType.String);
        Value(row.Status, DbType.String);
        Value(row.StartedAt?.ToUnixTimeSeconds(), DbType.Int64);
        Value(row.AnsweredAt?.ToUnixTimeSeconds(), DbType.Int64);
        Value(row.EndedAt?.ToUnixTimeSeconds(), DbType.Int64);
        Value(row.Duration, DbType.Int64);
        Value(row.MissedCallReason, DbType.String);
        Value(row.IsMissed, DbType.Boolean);
        Value(row.InCallDuration, DbType.Int64);
        Value(row.RawDigits, DbType.String);
        Value(row.UserId, DbType.Int64);
        Value(row.NumberId, DbType.Int64);
        Value(row.Archived, DbType.Boolean);
        Value(row.Tags, DbType.String);
        Value(row.Comments, DbType.String);
        Value(StoreModel.ToUnixMicroseconds(row.Version), DbType.Int64);
        Value(row.Payload, DbType.String);
        Value(row.ContactId, DbType.Int64);
        Value(row.ContactName, DbType.String);
        // PostgreSQL: a bigint[] column, whose type Npgsql infers from the value. SQLite: EF Core keeps a primitive
        // collection as a JSON array.
        Value(table.Dialect == StoreDialect.PostgreSql
            ? row.TeamIds
            : "[" + string.Join(",", row.TeamIds.Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]",
            table.Dialect == StoreDialect.PostgreSql ? null : DbType.String);
        Value(row.AssignedToId, DbType.Int64);
        Value(row.TransferredById, DbType.Int64);
        Value(row.TransferredToId, DbType.Int64);
        Value(row.HangupCause, DbType.String);
        Value(row.HasRecording, DbType.Boolean);
        Value(row.HasVoicemail, DbType.Boolean);
        Value(row.Asset, DbType.String);
    }

    /// <summary>The contact's first and last name, trimmed; <c>null</c> when both are empty.</summary>
    internal static string? ContactName(Contact? contact)
        => contact is null ? null : $"{contact.FirstName} {contact.LastName}".Trim() is { Length: > 0 } name ? name : null;

    private static long[] TeamIds(IReadOnlyList<Team>? teams)
    {
        if (teams is null || teams.Count == 0)
        {
            return [];
        }

        var ids = new List<long>(teams.Count);
        foreach (var team in teams)
        {
            if (team.Id is { } id)
            {
                ids.Add(id);
            }
        }

        return [.. ids];
    }

    /// <summary>
    /// The payload's top-level <c>tags</c> and <c>comments</c> arrays as Aircall wrote them (<c>[]</c> when absent or not
    /// arrays), read with one forward pass over the bytes.
    /// </summary>
    internal static void RawArrays(ReadOnlySpan<byte> payload, out string tags, out string comments)
    {
        tags = "[]";
        comments = "[]";
        var reader = new Utf8JsonReader(payload);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isTags = reader.ValueTextEquals(TagsName);
            var isComments = !isTags && reader.ValueTextEquals(CommentsName);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            var isArray = reader.TokenType == JsonTokenType.StartArray;
            reader.Skip();
            if (isArray && (isTags || isComments))
            {
                var raw = Encoding.UTF8.GetString(payload[start..((int)reader.BytesConsumed)]);
                if (isTags)
                {
                    tags = raw;
                }
                else
                {
                    comments = raw;
                }
            }
        }
    }
}
