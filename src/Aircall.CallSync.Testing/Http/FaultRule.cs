namespace Aircall.CallSync.Testing.Http;

/// <summary>A scripted fault: the next <see cref="Remaining"/> requests under <see cref="PathPrefix"/> get it.</summary>
internal sealed class FaultRule
{
    public required FaultKind Kind { get; init; }

    public string? PathPrefix { get; init; }

    /// <summary>Only requests of this account (by reference); <c>null</c> for every request.</summary>
    public SimulatedAccount? Account { get; init; }

    public int? RequestNumber { get; init; }

    public int Remaining { get; set; }

    public int StatusCode { get; init; } = 503;

    public TimeSpan Delay { get; init; }

    public int Bytes { get; init; }

    public bool SkewReset { get; init; }

    public bool Applies(int requestNumber, string path, SimulatedAccount? account = null)
        => RequestNumber is { } n
            ? n == requestNumber
            : Remaining > 0 && (PathPrefix is null || path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase))
              && (Account is null || ReferenceEquals(Account, account));
}
