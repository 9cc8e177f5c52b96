using Aircall.CallSync.Paging;

namespace Aircall.CallSync.Sync;

/// <summary>
/// The periodic sync registered by <c>AddBatchSync</c> (<c>Aircall:BatchSync</c>): every <see cref="Interval"/>, the
/// configured account's calls are synced into the registered <see cref="ICallStore"/>, incrementally after the first run.
/// </summary>
public sealed class AircallBatchSyncOptions
{
    /// <summary>Time between the end of one run and the start of the next (<c>Aircall:BatchSync:Interval</c>), 15 minutes by default.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How far back each incremental run starts again (<c>Aircall:BatchSync:LookBack</c>), one day by default.</summary>
    public TimeSpan LookBack { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Where the first run starts (<c>Aircall:BatchSync:From</c>); <c>null</c> (default) for every call the API serves.</summary>
    public DateTimeOffset? From { get; set; }

    /// <summary>Filters and fetch flags of every run (its time range is managed by the service).</summary>
    public CallQuery Query { get; set; } = CallQuery.All;

    /// <summary>
    /// The account id passed on every write as <see cref="CallWrite.AccountId"/> (<c>Aircall:BatchSync:AccountId</c>), for
    /// a store shared by several accounts; <c>null</c> (default) when the application serves one account. Use the same id
    /// your <c>IWebhookTokenResolver</c> returns for this account's webhook, so both paths write the same rows.
    /// </summary>
    public string? AccountId { get; set; }

    /// <summary>Whether the first run starts as soon as the host starts (default <c>true</c>), or after one interval.</summary>
    public bool RunOnStart { get; set; } = true;
}
