using System.Collections;
using System.Reflection;
using Aircall.CallSync.Api;

namespace Aircall.CallSync.Tests.Api;

/// <summary>
/// Refit expands a query property whose type it does not see as a scalar into its members (it sent
/// <c>order.Value=desc&amp;order.IsKnown=true</c> once). Every query property must be a string, a bool, an
/// <see cref="IFormattable"/> or a list of those.
/// </summary>
public sealed class QueryParametersTests
{
    public static TheoryData<string> QueryTypes() => [nameof(CallListParameters), nameof(CallSearchParameters), nameof(ListParameters)];

    [Theory]
    [MemberData(nameof(QueryTypes))]
    public void Every_query_property_is_sent_as_one_value(string typeName)
    {
        var type = typeof(CallListParameters).Assembly.GetType("Aircall.CallSync.Api." + typeName, throwOnError: true)!;

        var properties = type.GetProperties(BindingFlags.Instance | BindingFlags.Public);

        properties.Should().NotBeEmpty();
        properties.Should().OnlyContain(property => IsScalar(ElementType(property.PropertyType)), $"{typeName} is sent as a query object");
    }

    private static Type ElementType(Type type)
        => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type)
            ? type.GetInterfaces().Append(type).Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)).GetGenericArguments()[0]
            : type;

    private static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) || type == typeof(bool) || typeof(IFormattable).IsAssignableFrom(type);
    }
}
