using System.Text.Json.Serialization;
using Aircall.CallSync.Serialization;

namespace Aircall.CallSync.Models;

/// <summary>
/// The lifecycle state of a call: <c>initial</c>, <c>answered</c> or <c>done</c>. It is a state, not an outcome: a missed call is <c>done</c> with a <see cref="Call.MissedCallReason"/>.
/// </summary>
/// <remarks>
/// An open string enum: any value Aircall sends is kept in <see cref="Value"/> and compares by ordinal equality, so a
/// value this SDK version does not know never throws. Compare with the static members, or switch on <see cref="Value"/>.
/// </remarks>
[JsonConverter(typeof(OpenEnumConverter<CallStatus>))]
public readonly struct CallStatus : IEquatable<CallStatus>, IFormattable, IOpenEnum<CallStatus>
{
    private readonly string? _value;

    /// <summary>Wraps a wire value, known or not.</summary>
    /// <param name="value">The value as Aircall sends it.</param>
    public CallStatus(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The call is ringing or in the IVR and nobody has answered yet. (<c>initial</c>)</summary>
    public static CallStatus Initial { get; } = new("initial");

    /// <summary>Somebody answered and the call is live. (<c>answered</c>)</summary>
    public static CallStatus Answered { get; } = new("answered");

    /// <summary>The call is over. (<c>done</c>)</summary>
    public static CallStatus Done { get; } = new("done");

    /// <summary>The value as Aircall sent it; the empty string for <c>default</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this value is one of the values documented when this SDK version was released.</summary>
    public bool IsKnown => Equals(Initial) || Equals(Answered) || Equals(Done);

    /// <summary>Compares wire values ordinally.</summary>
    public static bool operator ==(CallStatus left, CallStatus right) => left.Equals(right);

    /// <summary>Compares wire values ordinally.</summary>
    public static bool operator !=(CallStatus left, CallStatus right) => !left.Equals(right);

    /// <summary>Wraps a wire value.</summary>
    public static implicit operator CallStatus(string value) => new(value);

    static CallStatus IOpenEnum<CallStatus>.FromWire(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(CallStatus other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CallStatus other && Equals(other);

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
