namespace Aircall.CallSync.Testing;

/// <summary>One request the simulator received, as recorded in <see cref="AircallSimulator.Requests"/>.</summary>
public sealed record SimulatorRequest
{
    /// <summary>The 1-based number of the request, in arrival order over all accounts.</summary>
    public required int Number { get; init; }

    /// <summary>When the request arrived, on the simulator's clock.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The path, for example <c>/v1/calls</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The query string with its leading <c>?</c>, or the empty string.</summary>
    public required string Query { get; init; }

    /// <summary>The status code answered; 0 when the connection was dropped.</summary>
    public required int StatusCode { get; init; }

    /// <summary>The api_id of the account the credentials opened; <c>null</c> when they opened none.</summary>
    public string? Account { get; init; }

    /// <summary>The company id of the account the credentials opened; <c>null</c> when they opened none.</summary>
    public long? CompanyId { get; init; }

    /// <summary>The client id of the OAuth app whose access token opened the account; <c>null</c> for Basic credentials, a fixed access token, or none.</summary>
    public string? ClientId { get; init; }

    /// <summary>The fault injected (<c>drop</c>, <c>slow</c>, <c>malformed</c>, <c>503</c>, <c>stall</c>, <c>reset-far-ahead</c>, <c>skew-date</c>, ...), or <c>null</c>.</summary>
    public string? Fault { get; init; }
}
