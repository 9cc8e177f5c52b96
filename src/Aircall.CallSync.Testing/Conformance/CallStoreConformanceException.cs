namespace Aircall.CallSync.Testing;

/// <summary>An <c>ICallStore</c> broke its contract; the message says which rule and how.</summary>
public sealed class CallStoreConformanceException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What the store did wrong.</param>
    public CallStoreConformanceException(string message)
        : base(message)
    {
    }
}
