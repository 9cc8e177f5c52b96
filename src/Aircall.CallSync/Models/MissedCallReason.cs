using System.Text.Json.Serialization;
using Aircall.CallSync.Serialization;

namespace Aircall.CallSync.Models;

/// <summary>
/// Why an inbound call was not answered. Aircall has added values over time (Smartflows send <c>abandoned</c>), so unknown values are kept as they are.
/// </summary>
/// <remarks>
/// An open string enum: any value Aircall sends is kept in <see cref="Value"/> and compares by ordinal equality, so a
/// value this SDK version does not know never throws. Compare with the static members, or switch on <see cref="Value"/>.
/// </remarks>
[JsonConverter(typeof(OpenEnumConverter<MissedCallReason>))]
public readonly struct MissedCallReason : IEquatable<MissedCallReason>, IFormattable, IOpenEnum<MissedCallReason>
{
    private readonly string? _value;

    /// <summary>Wraps a wire value, known or not.</summary>
    /// <param name="value">The value as Aircall sends it.</param>
    public MissedCallReason(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The call ended in the closed-hours branch. (<c>out_of_opening_hours</c>)</summary>
    public static MissedCallReason OutOfOpeningHours { get; } = new("out_of_opening_hours");

    /// <summary>The caller hung up within the first 10 seconds. (<c>short_abandoned</c>)</summary>
    public static MissedCallReason ShortAbandoned { get; } = new("short_abandoned");

    /// <summary>The caller hung up during the IVR. (<c>abandoned_in_ivr</c>)</summary>
    public static MissedCallReason AbandonedInIvr { get; } = new("abandoned_in_ivr");

    /// <summary>The caller hung up while waiting in a classic (non-Smartflow) number. (<c>abandoned_in_classic</c>)</summary>
    public static MissedCallReason AbandonedInClassic { get; } = new("abandoned_in_classic");

    /// <summary>The generic value Smartflows send when the caller hung up. (<c>abandoned</c>)</summary>
    public static MissedCallReason Abandoned { get; } = new("abandoned");

    /// <summary>The flow ended without ringing anyone. (<c>no_available_agent</c>)</summary>
    public static MissedCallReason NoAvailableAgent { get; } = new("no_available_agent");

    /// <summary>At least one agent was rung for more than 10 seconds and nobody answered. (<c>agents_did_not_answer</c>)</summary>
    public static MissedCallReason AgentsDidNotAnswer { get; } = new("agents_did_not_answer");

    /// <summary>The value as Aircall sent it; the empty string for <c>default</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this value is one of the values documented when this SDK version was released.</summary>
    public bool IsKnown => Equals(OutOfOpeningHours) || Equals(ShortAbandoned) || Equals(AbandonedInIvr) || Equals(AbandonedInClassic) || Equals(Abandoned) || Equals(NoAvailableAgent) || Equals(AgentsDidNotAnswer);

    /// <summary>Compares wire values ordinally.</summary>
    public static bool operator ==(MissedCallReason left, MissedCallReason right) => left.Equals(right);

    /// <summary>Compares wire values ordinally.</summary>
    public static bool operator !=(MissedCallReason left, MissedCallReason right) => !left.Equals(right);

    /// <summary>Wraps a wire value.</summary>
    public static implicit operator MissedCallReason(string value) => new(value);

    static MissedCallReason IOpenEnum<MissedCallReason>.FromWire(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(MissedCallReason other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MissedCallReason other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    public override string ToString() => Value;

    /// <summary>
    /// The wire value, whatever the format and culture. Being <see cref="IFormattable"/> makes Refit send the value as one
    /// query parameter (<c>order=desc</c>) instead of expanding the struct's properties.
    /// </summary>
    /// <param name="format">Ignored.</param>
    /// <param name="formatProvider">Ignored.</param>
    public string ToString(string? format, IFormatProvider? formatProvider) => Value;
}
