using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>How the Aircall entities are kept in the database: the value conversions and the JSON column type.</summary>
internal static class StoreModel
{
    /// <summary>A time in UNIX seconds (Aircall's own precision for call times).</summary>
    internal static readonly ValueConverter<DateTimeOffset, long> UnixSeconds = new(
        value => value.ToUnixTimeSeconds(),
        value => DateTimeOffset.FromUnixTimeSeconds(value));

    /// <summary>A version in UNIX microseconds: exact for a <c>CallWrite.Version</c>, which holds whole microseconds.</summary>
    internal static readonly ValueConverter<DateTimeOffset, long> UnixMicroseconds = new(
        value => (value.UtcTicks - UnixEpochTicks) / TimeSpan.TicksPerMicrosecond,
        value => new DateTimeOffset((value * TimeSpan.TicksPerMicrosecond) + UnixEpochTicks, TimeSpan.Zero));

    private const long UnixEpochTicks = 621_355_968_000_000_000L;

    /// <summary>UNIX microseconds of <paramref name="value"/>, as <see cref="UnixMicroseconds"/> stores it.</summary>
    internal static long ToUnixMicroseconds(DateTimeOffset value) => (value.UtcTicks - UnixEpochTicks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>
    /// The column type of the JSON columns: PostgreSQL's <c>json</c>, which keeps the text exactly as sent (byte for
    /// byte, unlike <c>jsonb</c>, which reorders keys and rewrites escapes), and the provider's default text type
    /// elsewhere. The provider is read from the model being built: the Npgsql provider's conventions annotate it.
    /// </summary>
    internal static string? JsonColumnType(IReadOnlyModel model)
    {
        foreach (var annotation in model.GetAnnotations())
        {
            if (annotation.Name.StartsWith("Npgsql:", StringComparison.Ordinal))
            {
                return "json";
            }
        }

        return null;
    }
}
