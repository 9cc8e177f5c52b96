using Refit;

namespace Aircall.CallSync.Api;

/// <summary><c>GET /v1/ping</c>: checks that the credentials work.</summary>
[Headers("Accept: application/json")]
public interface IPingApi
{
    /// <summary>Answers <c>{"ping":"pong"}</c> when the credentials work; throws <see cref="AircallAuthenticationException"/> when they do not.</summary>
    [Get("/v1/ping")]
    Task<PingResponse> PingAsync(CancellationToken cancellationToken = default);
}
