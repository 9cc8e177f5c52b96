namespace Aircall.CallSync.Testing;

/// <summary>A 200 body that is valid JSON but not the call list Aircall documents (see <see cref="SimulatorFaults.UnexpectedBodyNext"/>).</summary>
public enum SimulatorPageBody
{
    /// <summary><c>{}</c>: no <c>calls</c>, no <c>meta</c>.</summary>
    EmptyObject,

    /// <summary><c>{"calls": null, "meta": {...}}</c>, with the page's real <c>meta</c>.</summary>
    NullCalls,

    /// <summary>The page's real calls with a <c>null</c> entry in front: <c>{"calls": [null, {...}, ...], "meta": {...}}</c>.</summary>
    NullEntry,
}
