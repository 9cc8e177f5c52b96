using Refit;

namespace Aircall.CallSync.Api;

/// <summary>
/// <c>GET /v1/calls</c> and <c>GET /v1/calls/search</c>, with the response (its <c>Date</c> and rate-limit headers) and
/// without throwing: the pager's own view of the list endpoints. Users list calls through
/// <see cref="AircallClient.GetCallsAsync"/> and <see cref="CallQuery"/>, one query type with one error path.
/// </summary>
[Headers("Accept: application/json")]
internal interface ICallPagesApi
{
    [Get("/v1/calls")]
    Task<IApiResponse<CallList>> ListWithResponseAsync([Query] CallListParameters? parameters = null, CancellationToken cancellationToken = default);

    [Get("/v1/calls/search")]
    Task<IApiResponse<CallList>> SearchWithResponseAsync([Query] CallSearchParameters parameters, CancellationToken cancellationToken = default);
}
