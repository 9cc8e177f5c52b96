using Microsoft.Data.Sqlite;

namespace Aircall.CallSync.IntegrationTests.Samples;

/// <summary>A temporary working directory with the SQLite file a sample writes, and queries on what it wrote.</summary>
internal sealed class SampleDatabase : IDisposable
{
    public SampleDatabase()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("aircall-sample-").FullName;
        Path = System.IO.Path.Combine(Directory, "calls.db");
    }

    public string Directory { get; }

    public string Path { get; }

    /// <summary>The value for <c>ConnectionStrings__Calls</c>.</summary>
    public string ConnectionString => $"Data Source={Path}";

    public long Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    public List<long> Ids()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM calls ORDER BY id";
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>(rows, distinct ids).</summary>
    public (long Rows, long Distinct) Count()
    {
        if (!File.Exists(Path))
        {
            return (0, 0);
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(DISTINCT id) FROM calls";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// Rows whose columns disagree with their own payload (the call's JSON): each derived column is recomputed from the
    /// payload in SQL. Returns the ids of up to 10 offending rows per rule, by rule.
    /// </summary>
    public Dictionary<string, List<long>> ColumnsInconsistentWithPayload()
    {
        var rules = new Dictionary<string, string>
        {
            ["direction"] = "direction IS NOT json_extract(payload, '$.direction')",
            ["status"] = "status IS NOT json_extract(payload, '$.status')",
            ["started_at"] = "started_at IS NOT json_extract(payload, '$.started_at')",
            ["answered_at"] = "answered_at IS NOT json_extract(payload, '$.answered_at')",
            ["ended_at"] = "ended_at IS NOT json_extract(payload, '$.ended_at')",
            ["duration"] = "duration IS NOT json_extract(payload, '$.duration')",
            ["missed_call_reason"] = "missed_call_reason IS NOT json_extract(payload, '$.missed_call_reason')",
            ["is_missed"] = "is_missed IS NOT (CASE WHEN json_extract(payload, '$.status') = 'done' AND COALESCE(json_extract(payload, '$.missed_call_reason'), '') <> '' THEN 1 ELSE 0 END)",
            ["in_call_duration"] = "in_call_duration IS NOT (json_extract(payload, '$.ended_at') - json_extract(payload, '$.answered_at'))",
            ["raw_digits"] = "raw_digits IS NOT json_extract(payload, '$.raw_digits')",
            ["user_id"] = "user_id IS NOT json_extract(payload, '$.user.id')",
            ["number_id"] = "number_id IS NOT json_extract(payload, '$.number.id')",
            ["archived"] = "archived IS NOT COALESCE(json_extract(payload, '$.archived'), 0)",
            ["tags"] = "json(tags) IS NOT json(COALESCE(json_extract(payload, '$.tags'), '[]'))",
            ["comments"] = "json(comments) IS NOT json(COALESCE(json_extract(payload, '$.comments'), '[]'))",
            ["version"] = "version IS NULL OR version < started_at * 1000000", // UNIX microseconds
            ["id"] = "id IS NOT json_extract(payload, '$.id')",
        };
        var broken = new Dictionary<string, List<long>>();
        using var connection = Open();
        foreach (var (name, condition) in rules)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT id FROM calls WHERE {condition} LIMIT 10";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                (broken.TryGetValue(name, out var ids) ? ids : broken[name] = []).Add(reader.GetInt64(0));
            }
        }

        return broken;
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
