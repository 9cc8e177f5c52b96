using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Aircall.CallSync.Models;
using Aircall.CallSync.Storage;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>Binds a <see cref="CallWrite"/>'s column values as parameters, in the order of <see cref="CallsTable.Properties"/>.</summary>
internal static class CallRow
{
    private static readonly byte[] TagsName = "tags"u8.ToArray();
    private static readonly byte[] CommentsName = "comments"u8.ToArray();

    /// <summary>Adds the parameters of <paramref name="write"/>, numbered from <paramref name="first"/>.</summary>
    internal static void Add(DbParameterCollection parameters, Func<DbParameter> create, CallsTable table, int first, CallWrite write)
    {
        var call = write.Call;
        var payload = write.Payload;
        RawArrays(payload.Span, out var tags, out var comments);
        var index = first;
        void Value(object? value, DbType type)
        {
            var parameter = create();
            parameter.ParameterName = table.ParameterName(index++);
            parameter.DbType = type;
            parameter.Value = value ?? DBNull.Value;
            parameters.Add(parameter);
        }

        Value(write.AccountId ?? string.Empty, DbType.String);
        Value(call.Id, DbType.Int64);
        Value(call.Direction?.Value, DbType.String);
        Value(call.Status?.Value, DbType.String);
        Value(call.StartedAt?.ToUnixTimeSeconds(), DbType.Int64);
        Value(call.AnsweredAt?.ToUnixTimeSeconds(), DbType.Int64);
        Value(call.EndedAt?.ToUnixTimeSeconds(), DbType.Int64);
        Value(call.Duration, DbType.Int64);
        Value(call.MissedCallReason?.Value, DbType.String);
        Value(call.IsMissed, DbType.Boolean);
        Value(call.InCallDuration is { } talk ? (long)talk.TotalSeconds : null, DbType.Int64);
        Value(call.RawDigits, DbType.String);
        Value(call.User?.Id, DbType.Int64);
        Value(call.Number?.Id, DbType.Int64);
        Value(call.Archived == true, DbType.Boolean);
        Value(tags, DbType.String);
        Value(comments, DbType.String);
        Value(StoreModel.ToUnixMicroseconds(write.Version), DbType.Int64);
        Value(Encoding.UTF8.GetString(payload.Span), DbType.String);
        Value(call.Contact?.Id, DbType.Int64);
        Value(ContactName(call.Contact), DbType.String);
        var teams = TeamIds(call.Teams);
        if (table.Dialect == StoreDialect.PostgreSql)
        {
            // A bigint[] column: Npgsql infers the array type from the value.
            var parameter = create();
            parameter.ParameterName = table.ParameterName(index++);
            parameter.Value = teams;
            parameters.Add(parameter);
        }
        else
        {
            // EF Core keeps a primitive collection as a JSON array in SQLite.
            Value("[" + string.Join(",", teams.Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]", DbType.String);
        }

        Value(call.AssignedTo?.Id, DbType.Int64);
        Value(call.TransferredBy?.Id, DbType.Int64);
        Value(call.TransferredTo?.Id, DbType.Int64);
        Value(call.HangupCause, DbType.String);
        Value(!string.IsNullOrEmpty(call.Recording) || !string.IsNullOrEmpty(call.RecordingShortUrl), DbType.Boolean);
        Value(call.HasVoicemail, DbType.Boolean);
        Value(call.Asset, DbType.String);
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
