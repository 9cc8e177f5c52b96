namespace Aircall.CallSync.Quartz;

/// <summary>
/// Told when a slice of an account's sync starts and ends, while the worker holds the account's lock: between the two
/// calls no other worker runs the account. For audit logs and dashboards; register one with
/// <c>services.AddSingleton&lt;IAircallFleetObserver, MyObserver&gt;()</c>. An observer that throws is logged and the
/// slice goes on. Implementations must be thread-safe (slices of different accounts run at once).
/// </summary>
public interface IAircallFleetObserver
{
    /// <summary>The worker holds <paramref name="accountId"/>'s lock and is about to sync it.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="workerId">The worker (its Quartz instance id).</param>
    /// <param name="cancellationToken">Cancelled when the worker stops.</param>
    ValueTask SliceStartingAsync(string accountId, string workerId, CancellationToken cancellationToken);

    /// <summary>The slice ended; the worker still holds the account's lock and releases it after this returns.</summary>
    /// <param name="slice">What the slice did.</param>
    /// <param name="cancellationToken">Cancelled when the worker stops.</param>
    ValueTask SliceCompletedAsync(AircallFleetSlice slice, CancellationToken cancellationToken);
}
