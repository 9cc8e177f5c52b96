using System.Globalization;
using System.Reflection;
using Refit;

namespace Aircall.CallSync.Http;

/// <summary>
/// Formats query values the way Aircall reads them: <see cref="DateTimeOffset"/> as UNIX seconds (whatever the offset),
/// booleans as <c>true</c>/<c>false</c>, numbers with the invariant culture, open enums by their wire value.
/// </summary>
internal sealed class AircallUrlParameterFormatter : DefaultUrlParameterFormatter
{
    public override string? Format(object? parameterValue, ICustomAttributeProvider attributeProvider, Type type)
        => parameterValue switch
        {
            null => null,
            DateTimeOffset value => value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            DateTime value => new DateTimeOffset(value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            bool value => value ? "true" : "false",
            IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
            _ => base.Format(parameterValue, attributeProvider, type),
        };
}
