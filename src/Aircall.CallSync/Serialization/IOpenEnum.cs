namespace Aircall.CallSync.Serialization;

/// <summary>
/// Implemented by the open string enums of the models (<c>CallStatus</c>, <c>CallDirection</c>, ...): value types that
/// wrap the string Aircall sent, so that a value this version of the SDK does not know is kept and readable instead of
/// throwing.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
internal interface IOpenEnum<TSelf>
    where TSelf : struct, IOpenEnum<TSelf>
{
    /// <summary>Wraps a wire value.</summary>
    static abstract TSelf FromWire(string value);

    /// <summary>The wire value; never null.</summary>
    string Value { get; }
}
