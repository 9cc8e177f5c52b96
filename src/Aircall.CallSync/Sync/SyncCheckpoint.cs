using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aircall.CallSync.Paging;

namespace Aircall.CallSync.Sync;

/// <summary>
/// What <see cref="CallSyncRunner"/> saves after each page: the run's lower bound and the enumeration's continuation
/// token while a run is under way, the upper bound of the last completed run once it is done. <c>cs1.</c> + base64url JSON.
/// </summary>
internal sealed class SyncCheckpoint
{
    private const string Prefix = "cs1.";

    /// <summary>The running enumeration's lower bound (UNIX seconds), to rebuild its query on resumption.</summary>
    [JsonPropertyName("from")] public long? RunFrom { get; set; }

    /// <summary>The running enumeration's continuation token; <c>null</c> when no run is under way.</summary>
    [JsonPropertyName("token")] public string? Token { get; set; }

    /// <summary>The upper bound (UNIX seconds) of the last completed run.</summary>
    [JsonPropertyName("done_to")] public long? CompletedTo { get; set; }

    internal static SyncCheckpoint? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            try
            {
                var json = Encoding.UTF8.GetString(Convert.FromBase64String(text[Prefix.Length..]));
                if (JsonSerializer.Deserialize(json, PagingJsonContext.Default.SyncCheckpoint) is { } checkpoint)
                {
                    return checkpoint;
                }
            }
            catch (Exception exception) when (exception is FormatException or JsonException)
            {
            }
        }

        throw new InvalidOperationException(
            "The saved sync checkpoint is not one this SDK wrote (it may have been truncated by the checkpoint store): "
            + "delete it to start a full sync again, or fix the store so it returns the string it was given.");
    }

    internal string Encode()
        => Prefix + Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(this, PagingJsonContext.Default.SyncCheckpoint));
}
