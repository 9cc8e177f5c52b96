namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// The database of an <see cref="EntityFrameworkCoreCallStore{TContext}"/> or
/// <see cref="EntityFrameworkCoreCheckpointStore{TContext}"/> failed a read or a write. The message names the database
/// (provider, host and port or file, database name; never a password) and says what to do: start the server or fix the
/// connection string, create the tables with a migration, and so on. <see cref="Exception.InnerException"/> is the
/// provider's exception. Nothing was written: the webhook endpoint answers 503 so Aircall retries, and batch sync stops
/// with its checkpoint before the page.
/// </summary>
public sealed class CallStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, on which database, and what to do.</param>
    /// <param name="innerException">The provider's exception.</param>
    public CallStoreException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CallStoreException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, on which database, and what to do.</param>
    public CallStoreException(string message)
        : base(message)
    {
    }
}
