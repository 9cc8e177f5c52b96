namespace Aircall.CallSync.Testing;

/// <summary>An <c>IAircallAccountStore</c> or <c>IOAuthStateStore</c> broke its contract; the message says which rule and how.</summary>
public sealed class AccountStoreConformanceException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What the store did wrong.</param>
    public AccountStoreConformanceException(string message)
        : base(message)
    {
    }
}
