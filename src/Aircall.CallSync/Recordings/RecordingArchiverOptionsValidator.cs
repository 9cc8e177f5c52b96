using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Recordings;

/// <summary>Validates <see cref="RecordingArchiverOptions"/> at start-up, naming the setting to fix.</summary>
internal sealed class RecordingArchiverOptionsValidator(IServiceProvider services) : IValidateOptions<RecordingArchiverOptions>
{
    public ValidateOptionsResult Validate(string? name, RecordingArchiverOptions options)
    {
        var failures = new List<string>();
        if (options.MaxConcurrency is < 1 or > 256)
        {
            failures.Add($"Aircall:Recordings:MaxConcurrency is {options.MaxConcurrency}: it must be between 1 and 256.");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add($"Aircall:Recordings:MaxAttempts is {options.MaxAttempts}: it must be at least 1.");
        }

        Positive(options.RetryDelay, "RetryDelay", "00:00:30");
        Positive(options.MaxRetryDelay, "MaxRetryDelay", "00:15:00");
        Positive(options.AttemptTimeout, "AttemptTimeout", "00:10:00");
        Positive(options.PollInterval, "PollInterval", "00:00:05");
        if (options.ExpiryMargin < TimeSpan.Zero)
        {
            failures.Add($"Aircall:Recordings:ExpiryMargin is {options.ExpiryMargin}: it must be zero or positive, e.g. 00:00:30.");
        }

        if (options.Lease <= options.AttemptTimeout)
        {
            failures.Add($"Aircall:Recordings:Lease is {options.Lease}: it must be longer than Aircall:Recordings:AttemptTimeout ({options.AttemptTimeout}), or a slow download would be taken by a second worker.");
        }

        if (options.MaxFileBytes < 1)
        {
            failures.Add($"Aircall:Recordings:MaxFileBytes is {options.MaxFileBytes}: it must be positive.");
        }

        if (options.AllowedHosts.Count == 0)
        {
            failures.Add("Aircall:Recordings:AllowedHosts is empty: every link would be refused. Keep the defaults (*.amazonaws.com, *.aircall.io) and add yours.");
        }

        if (!options.Recordings && !options.Voicemails)
        {
            failures.Add("Aircall:Recordings:Recordings and Aircall:Recordings:Voicemails are both false: there is nothing to archive; remove AddRecordingArchiver instead.");
        }

        if (string.IsNullOrWhiteSpace(options.Directory) && !services.HasCustomSink())
        {
            failures.Add("The recording archiver has nowhere to write: set Aircall:Recordings:Directory (a folder for FileSystemRecordingSink) or register your IRecordingSink.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Positive(TimeSpan value, string setting, string example)
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"Aircall:Recordings:{setting} is {value}: it must be positive, e.g. {example}.");
            }
        }
    }
}
