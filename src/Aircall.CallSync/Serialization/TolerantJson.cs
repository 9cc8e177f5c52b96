using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Aircall.CallSync.Api;
using Aircall.CallSync.Models;

namespace Aircall.CallSync.Serialization;

/// <summary>
/// The options every Aircall payload is read with: <see cref="AircallJsonContext"/>'s metadata, with each property of
/// the models given a converter that never fails the object over a field's JSON type. Booleans accept
/// <c>true</c>/<c>false</c>, <c>"true"</c>/<c>"false"</c>, <c>1</c>/<c>0</c> and <c>"1"</c>/<c>"0"</c>; integers accept
/// integral decimals (<c>20.0</c>) and numeric strings, and round other decimals to the nearest integer (ids excepted:
/// a non-integral id is unreadable); a nested user, contact, number or team given as a bare id keeps the id; a list
/// given an object or a scalar reads as absent, and an element of a list that cannot be read is dropped; strings take
/// numbers and booleans as their text. A value that still cannot be read becomes <c>null</c> and is reported to
/// <see cref="UnreadableFields"/>. Only JSON that is not well-formed throws. Trim- and AOT-safe: no reflection.
/// </summary>
internal static class TolerantJson
{
    /// <summary>The field-name prefix of each model type; types not listed keep their generated reading.</summary>
    private static readonly Dictionary<Type, string> Owners = new()
    {
        [typeof(Call)] = "call",
        [typeof(User)] = "user",
        [typeof(Contact)] = "contact",
        [typeof(ContactDetail)] = "contact_detail",
        [typeof(Number)] = "number",
        [typeof(NumberMessages)] = "number_messages",
        [typeof(Team)] = "team",
        [typeof(Tag)] = "tag",
        [typeof(Comment)] = "comment",
        [typeof(Participant)] = "participant",
        [typeof(IvrOption)] = "ivr_option",
        [typeof(CallList)] = "page",
        [typeof(PageMeta)] = "meta",
        [typeof(IntegrationRemoval)] = "integration",
        [typeof(Integration)] = "integration",
    };

    /// <summary>The tolerant converter of each property type, given the field's name and whether it is an id.</summary>
    private static readonly Dictionary<Type, Func<string, bool, JsonConverter>> Converters = new()
    {
        [typeof(bool?)] = static (field, _) => new TolerantBooleanConverter(field),
        [typeof(long?)] = static (field, isId) => new TolerantInt64Converter(field, isId),
        [typeof(long)] = static (field, isId) => new TolerantRequiredInt64Converter(field, isId),
        [typeof(int?)] = static (field, _) => new TolerantInt32Converter(field),
        [typeof(string)] = static (field, _) => new TolerantStringConverter(field),
        [typeof(CallStatus?)] = static (field, _) => new TolerantOpenEnumConverter<CallStatus>(field),
        [typeof(CallDirection?)] = static (field, _) => new TolerantOpenEnumConverter<CallDirection>(field),
        [typeof(MissedCallReason?)] = static (field, _) => new TolerantOpenEnumConverter<MissedCallReason>(field),
        [typeof(ParticipantType?)] = static (field, _) => new TolerantOpenEnumConverter<ParticipantType>(field),
        [typeof(User)] = static (field, _) => new ObjectOrIdConverter<User>(field, static id => new User { Id = id }),
        [typeof(Contact)] = static (field, _) => new ObjectOrIdConverter<Contact>(field, static id => new Contact { Id = id }),
        [typeof(Number)] = static (field, _) => new ObjectOrIdConverter<Number>(field, static id => new Number { Id = id }),
        [typeof(NumberMessages)] = static (field, _) => new ObjectOrIdConverter<NumberMessages>(field, null),
        [typeof(PageMeta)] = static (field, _) => new ObjectOrIdConverter<PageMeta>(field, null),
        [typeof(IReadOnlyList<Number>)] = static (field, _) => new TolerantListConverter<Number>(field, static id => new Number { Id = id }),
        [typeof(IReadOnlyList<User>)] = static (field, _) => new TolerantListConverter<User>(field, static id => new User { Id = id }),
        [typeof(IReadOnlyList<Team>)] = static (field, _) => new TolerantListConverter<Team>(field, static id => new Team { Id = id }),
        [typeof(IReadOnlyList<Tag>)] = static (field, _) => new TolerantListConverter<Tag>(field, static id => new Tag { Id = id }),
        [typeof(IReadOnlyList<Comment>)] = static (field, _) => new TolerantListConverter<Comment>(field, null),
        [typeof(IReadOnlyList<Participant>)] = static (field, _) => new TolerantListConverter<Participant>(field, null),
        [typeof(IReadOnlyList<IvrOption>)] = static (field, _) => new TolerantListConverter<IvrOption>(field, null),
        [typeof(IReadOnlyList<ContactDetail>)] = static (field, _) => new TolerantListConverter<ContactDetail>(field, null),
        [typeof(IReadOnlyList<Call>)] = static (field, _) => new TolerantListConverter<Call>(field, null, keepPositions: true),
    };

    // Declared after the tables above: static initializers run in order.
    /// <summary>The options: read-only, shared.</summary>
    internal static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Metadata for a call.</summary>
    internal static JsonTypeInfo<Call> Call { get; } = (JsonTypeInfo<Call>)Options.GetTypeInfo(typeof(Call));

    /// <summary>Metadata for a page of calls.</summary>
    internal static JsonTypeInfo<CallList> CallList { get; } = (JsonTypeInfo<CallList>)Options.GetTypeInfo(typeof(CallList));

    /// <summary>Metadata for the data of user events.</summary>
    internal static JsonTypeInfo<User> User { get; } = (JsonTypeInfo<User>)Options.GetTypeInfo(typeof(User));

    /// <summary>Metadata for the data of contact events.</summary>
    internal static JsonTypeInfo<Contact> Contact { get; } = (JsonTypeInfo<Contact>)Options.GetTypeInfo(typeof(Contact));

    /// <summary>Metadata for the data of number events.</summary>
    internal static JsonTypeInfo<Number> Number { get; } = (JsonTypeInfo<Number>)Options.GetTypeInfo(typeof(Number));

    /// <summary>Metadata for the data of <c>integration.deleted</c>.</summary>
    internal static JsonTypeInfo<IntegrationRemoval> IntegrationRemoval { get; } = (JsonTypeInfo<IntegrationRemoval>)Options.GetTypeInfo(typeof(IntegrationRemoval));

    /// <summary>Metadata for <c>{"call": {...}}</c>.</summary>
    internal static JsonTypeInfo<CallEnvelope> CallEnvelope { get; } = (JsonTypeInfo<CallEnvelope>)Options.GetTypeInfo(typeof(CallEnvelope));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(AircallJsonContext.Default.Options)
        {
            TypeInfoResolver = AircallJsonContext.Default.WithAddedModifier(Modify),
        };
        options.MakeReadOnly();
        return options;
    }

    private static void Modify(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || OwnerName(typeInfo.Type) is not { } owner)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (ConverterFor(property, owner + "." + property.Name) is { } converter)
            {
                property.CustomConverter = converter;
            }
        }
    }

    private static string? OwnerName(Type type) => Owners.TryGetValue(type, out var owner) ? owner : null;

    private static JsonConverter? ConverterFor(JsonPropertyInfo property, string field)
    {
        if (property.CustomConverter is { } existing)
        {
            // Timestamps and lenient strings are tolerant already; report what they could not read.
            return existing switch
            {
                JsonConverter<DateTimeOffset?> timestamp => new ReportingTimestampConverter(timestamp, field),
                LenientStringConverter => new TolerantStringConverter(field),
                _ => null,
            };
        }

        var isId = property.Name == "id" || property.Name.EndsWith("_id", StringComparison.Ordinal);
        return Converters.TryGetValue(property.PropertyType, out var create) ? create(field, isId) : null;
    }
}
