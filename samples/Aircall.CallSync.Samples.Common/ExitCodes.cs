namespace Aircall.CallSync.Samples.Common;

/// <summary>What the samples exit with (docs/samples.md).</summary>
public static class ExitCodes
{
    /// <summary>Done (or, for a server, stopped normally).</summary>
    public const int Success = 0;

    /// <summary>Failed: one line on stderr says why.</summary>
    public const int Failure = 1;

    /// <summary>A bad command line or setting: each problem is named on stderr (with the usage, for the command line).</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl+C (SIGINT) or SIGTERM before the end (the batch sample: run again to resume).</summary>
    public const int Interrupted = 130;
}
