using System.Text.Json.Serialization;
using Aircall.CallSync.Serialization;

namespace Aircall.CallSync.Models;

/// <summary>
/// The kind of a conference participant.
/// </summary>
/// <remarks>
/// An open string enum: any value Aircall sends is kept in <see cref="Value"/> and compares by ordinal equality, so a
/// value this SDK version does not know never throws. Compare with the static members, or switch on <see cref="Value"/>.
/// </remarks>
[JsonConverter(typeof(OpenEnumConverter<ParticipantType>))]
public readonly struct ParticipantType : IEquatable<ParticipantType>, IFormattable, IOpenEnum<ParticipantType>
{
    private readonly string? _value;

    /// <summary>Wraps a wire value, known or not.</summary>
    /// <param name="value">The value as Aircall sends it.</param>
    public ParticipantType(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>An Aircall user (agent). (<c>user</c>)</summary>
    public static ParticipantType User { get; } = new("user");

    /// <summary>A shared Aircall contact. (<c>contact</c>)</summary>
    public static ParticipantType Contact { get; } = new("contact");

    /// <summary>An external phone number. (<c>external</c>)</summary>
    public static ParticipantType External { get; } = new("external");

    /// <summary>The value as Aircall sent it; the empty string for <c>default</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this value is one of the values documented when this SDK version was released.</summary>
    public bool IsKnown => Equals(User) || Equals(Contact) || Equals(External);

    /// <summary>Compares wire values ordinally.</summary>
    public static bool operator ==(ParticipantType left, ParticipantType right) => left.Equals(right);

    /// <summary>Compares wire values ordinally.</summary>
    public static bool operator !=(ParticipantType left, ParticipantType right) => !left.Equals(right);

    /// <summary>Wraps a wire value.</summary>
    public static implicit operator ParticipantType(string value) => new(value);

    static ParticipantType IOpenEnum<ParticipantType>.FromWire(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(ParticipantType other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ParticipantType other && Equals(other);

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
