namespace Aircall.CallSync;

/// <summary>
/// The query asked for a page past Aircall's 10,000-result cap. Narrow the time window with <c>from</c>/<c>to</c>
/// (the SDK's enumerations do this for you).
/// </summary>
public sealed class AircallPaginationLimitException : AircallApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="details">The parsed response.</param>
    public AircallPaginationLimitException(AircallErrorDetails details)
        : base(details)
    {
    }
}
