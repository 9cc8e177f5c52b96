using System.Net;
using Aircall.CallSync.EntityFrameworkCore;
using Aircall.CallSync.Samples.Storage;

namespace Aircall.CallSync.Samples.Common;

/// <summary>The failures a user can act on, each as the one line a sample prints before it exits with code 1.</summary>
public static class SampleErrors
{
    /// <summary>
    /// Why the run failed and what to do, in one line; <c>null</c> for anything else (a bug: let it surface with its stack
    /// trace).
    /// </summary>
    /// <param name="exception">The failure.</param>
    /// <param name="store">The sample's store, to name its file when the database is locked.</param>
    public static string? Describe(Exception exception, SqliteCallStore? store = null) => exception switch
    {
        AircallAuthenticationException { StatusCode: HttpStatusCode.Forbidden } =>
            "Aircall rejected the credentials (403): check Aircall:ApiId and Aircall:ApiToken (Dashboard > Integrations & API > API Keys), or Aircall:AccessToken.",
        // Each of these says what happened and what to do: the credentials missing (401), Aircall unreachable at
        // Aircall:BaseAddress, more than 10,000 calls in one second, pages that contradict each other, another API error.
        AircallApiException or AircallConnectionException or CallWindowOverflowException or CallListInconsistentException => exception.Message,
        // PostgreSQL down, wrong credentials, tables missing: the EF Core store's message names the database and what to do.
        CallStoreException => exception.Message,
        _ when SqliteErrors.IsBusy(exception) => store is null
            ? $"the database is locked by another process: {exception.Message}"
            : SqliteErrors.BusyMessage(store),
        _ => null,
    };
}
