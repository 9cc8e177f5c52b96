using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Sync;

/// <summary>Validates <see cref="AircallBatchSyncOptions"/> at start-up.</summary>
internal sealed class AircallBatchSyncOptionsValidator : IValidateOptions<AircallBatchSyncOptions>
{
    public ValidateOptionsResult Validate(string? name, AircallBatchSyncOptions options)
    {
        var failures = new List<string>();
        if (options.Interval <= TimeSpan.Zero)
        {
            failures.Add($"Aircall:BatchSync:Interval is {options.Interval}: it must be positive, e.g. 00:15:00.");
        }

        if (options.LookBack < TimeSpan.Zero)
        {
            failures.Add($"Aircall:BatchSync:LookBack is {options.LookBack}: it must be zero or positive, e.g. 1.00:00:00 for a day.");
        }

        if (options.Query is null)
        {
            failures.Add("AircallBatchSyncOptions.Query is null: leave it as CallQuery.All or set filters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
