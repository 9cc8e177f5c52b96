using System.Collections.Concurrent;
using System.Diagnostics;
using Aircall.CallSync.Diagnostics;

namespace Aircall.CallSync.Serialization;

/// <summary>
/// Where tolerant reading reports a field it could not read (it became <c>null</c>): a metric tagged with the field's
/// name (never its value), and, once per field name for the life of the process, a name that the next
/// <see cref="LogFirstSeen"/> logs. Field names come from the model (<c>call.archived</c>, <c>user.available</c>), so the
/// tag's cardinality is bounded. Thread-safe.
/// </summary>
internal static class UnreadableFields
{
    private static readonly ConcurrentDictionary<string, bool> Seen = new(StringComparer.Ordinal);
    private static readonly ConcurrentQueue<string> FirstSeen = new();

    /// <summary>Records that <paramref name="field"/> held a value of a type it cannot take.</summary>
    /// <param name="field">The field, as <c>owner.json_name</c>.</param>
    internal static void Report(string field)
    {
        AircallTelemetry.UnreadableFields.Add(1, new TagList { { "field", field } });
        if (Seen.TryAdd(field, true))
        {
            FirstSeen.Enqueue(field);
        }
    }

    /// <summary>Logs each field reported for the first time since the last call (cheap when there is none).</summary>
    /// <param name="logger">Where to log.</param>
    internal static void LogFirstSeen(Microsoft.Extensions.Logging.ILogger logger)
    {
        while (FirstSeen.TryDequeue(out var field))
        {
            Log.UnreadableField(logger, field);
        }
    }
}
