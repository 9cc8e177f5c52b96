using System.Text.Json.Serialization;
using Aircall.CallSync.Serialization;

namespace Aircall.CallSync.Models;

/// <summary>
/// Whether the call came in to the Aircall line or was placed from it.
/// </summary>
/// <remarks>
/// An open string enum: any value Aircall sends is kept in <see cref="Value"/> and compares by ordinal equality, so a
/// value this SDK version does not know never throws. Compare with the static members, or switch on <see cref="Value"/>.
/// </remarks>
[JsonConverter(typeof(OpenEnumConverter<CallDirection>))]
public readonly struct CallDirection : IEquatable<CallDirection>, IFormattable, IOpenEnum<CallDirection>
{
    private readonly string? _value;

    /// <summary>Wraps a wire value, known or not.</summary>
    /// <param name="value">The value as Aircall sends it.</param>
    public CallDirection(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>An external party called an Aircall number. (<c>inbound</c>)</summary>
    public static CallDirection Inbound { get; } = new("inbound");

    /// <summary>An agent called out from an Aircall number. (<c>outbound</c>)</summary>
    public static CallDirection Outbound { get; } = new("outbound");

    /// <summary>The value as Aircall sent it; the empty string for <c>default</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this value is one of the values documented when this SDK version was released.</summary>
    public bool IsKnown => Equals(Inbound) || Equals(Outbound);

    /// <summary>Compares wire values ordinally.</summary>
    public static bool operator ==(CallDirection left, CallDirection right) => left.Equals(right);

    /// <summary>Compares wire values ordinally.</summary>
    public static bool operator !=(CallDirection left, CallDirection right) => !left.Equals(right);

    /// <summary>Wraps a wire value.</summary>
    public static implicit operator CallDirection(string value) => new(value);

    static CallDirection IOpenEnum<CallDirection>.FromWire(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(CallDirection other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CallDirection other && Equals(other);

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
