namespace Aircall.CallSync.Testing;

/// <summary>
/// The JSON shapes Aircall does not document that the simulator can give a call's fields (see
/// <see cref="AircallSimulatorOptions.OddPayloadRate"/>). Each shape says what the SDK's tolerant reading makes of it:
/// <b>lossless</b> shapes read back as exactly the typed value the simulator holds; <b>id-only</b> shapes keep the
/// nested object's id and nothing else; <b>absent</b> shapes read as <c>null</c>. A shape changes a field only where
/// that field is present and not <c>null</c> in the response (an unanswered inbound call has no <c>user</c> to send as
/// an id). Flags: combine them to choose which shapes the simulator may use.
/// </summary>
[Flags]
public enum SimulatorOddShapes
{
    /// <summary>No odd shape: the call is sent as documented.</summary>
    None = 0,

    /// <summary>Lossless: <c>archived</c> as the string <c>"true"</c> or <c>"false"</c>.</summary>
    ArchivedAsString = 1 << 0,

    /// <summary>Lossless: <c>archived</c> as the number <c>1</c> or <c>0</c>.</summary>
    ArchivedAsNumber = 1 << 1,

    /// <summary>Lossless: <c>archived</c> as the string <c>"1"</c> or <c>"0"</c>.</summary>
    ArchivedAsNumericString = 1 << 2,

    /// <summary>Lossless: <c>duration</c> as an integral decimal (<c>20.0</c>; never a fraction, which would round).</summary>
    DurationAsDecimal = 1 << 3,

    /// <summary>Lossless: <c>duration</c> as a numeric string (<c>"20"</c>).</summary>
    DurationAsString = 1 << 4,

    /// <summary>
    /// Lossless: every boolean inside the call's nested objects (<c>user.available</c>, <c>number.open</c>,
    /// <c>number.is_ivr</c>, <c>number.live_recording_activated</c>, <c>contact.is_shared</c>, the users of tags,
    /// comments and transfers) as the string <c>"true"</c> or <c>"false"</c>.
    /// </summary>
    NestedBooleansAsStrings = 1 << 5,

    /// <summary>
    /// Lossless: fields the SDK's model does not have, on the call (<c>sim_score</c>, a number; <c>sim_insights</c>, a
    /// nested object; <c>sim_segments</c>, an array of mixed values) and on its <c>user</c> and <c>number</c>
    /// (<c>sim_presence</c>, a nested object). Reading ignores them.
    /// </summary>
    UnknownFields = 1 << 6,

    /// <summary>Id-only: <c>user</c> as its bare id (<c>777</c> or <c>"777"</c>); reads as a user with only <c>Id</c> set.</summary>
    UserAsId = 1 << 7,

    /// <summary>Id-only: <c>contact</c> as its bare id (<c>12345</c> or <c>"12345"</c>); reads as a contact with only <c>Id</c> set.</summary>
    ContactAsId = 1 << 8,

    /// <summary>Absent: <c>teams</c> as an empty object <c>{}</c> instead of a list; reads as <c>null</c>.</summary>
    TeamsAsObject = 1 << 9,

    /// <summary>Absent: <c>tags</c> as one string (the tag names joined by <c>", "</c>); reads as <c>null</c>.</summary>
    TagsAsString = 1 << 10,

    /// <summary>The shapes whose tolerant reading gives back the simulator's typed value exactly.</summary>
    Lossless = ArchivedAsString | ArchivedAsNumber | ArchivedAsNumericString | DurationAsDecimal | DurationAsString
        | NestedBooleansAsStrings | UnknownFields,

    /// <summary>Every shape (the default of <see cref="AircallSimulatorOptions.OddPayloadShapes"/>).</summary>
    All = Lossless | UserAsId | ContactAsId | TeamsAsObject | TagsAsString,
}
