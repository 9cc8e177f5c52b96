using Aircall.CallSync.Api;
using Aircall.CallSync.Http;

namespace Aircall.CallSync.TestShared;

/// <summary>
/// One raw request to the list endpoints, through the client's own HTTP pipeline and the pager's Refit interface, failing
/// the way the pager fails (<see cref="AircallErrorFactory.FromApiResponse"/>): for tests of query strings and error mapping.
/// </summary>
internal static class CallListRequests
{
    public static async Task<CallList> ListAsync(this AircallClient client, CallListParameters? parameters = null, CancellationToken cancellationToken = default)
    {
        using var response = await client.Pages.ListWithResponseAsync(parameters, cancellationToken);
        return response.IsSuccessStatusCode ? response.Content! : throw AircallErrorFactory.FromApiResponse(response, TimeProvider.System);
    }

    public static async Task<CallList> SearchAsync(this AircallClient client, CallSearchParameters parameters, CancellationToken cancellationToken = default)
    {
        using var response = await client.Pages.SearchWithResponseAsync(parameters, cancellationToken);
        return response.IsSuccessStatusCode ? response.Content! : throw AircallErrorFactory.FromApiResponse(response, TimeProvider.System);
    }
}
