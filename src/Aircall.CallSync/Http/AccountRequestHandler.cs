using System.Net.Http.Headers;

namespace Aircall.CallSync.Http;

/// <summary>
/// The outermost handler of an account's client: sets the <c>Authorization</c> header, the <c>User-Agent</c> and the
/// account key (read by the rate limiter) on every request, before the shared pipeline of IHttpClientFactory.
/// </summary>
internal sealed class AccountRequestHandler : DelegatingHandler
{
    internal static readonly HttpRequestOptionsKey<string> AccountKeyOption = new("Aircall.CallSync.AccountKey");

    private readonly CredentialSource _credentials;
    private readonly string _accountKey;
    private readonly IRequestPipelineObserver? _observer;

    public AccountRequestHandler(CredentialSource credentials, string accountKey, HttpMessageHandler inner, IRequestPipelineObserver? observer = null)
        : base(inner)
    {
        _credentials = credentials;
        _accountKey = accountKey;
        _observer = observer;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var credentials = await _credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = credentials.ToHeader();
        request.Options.Set(AccountKeyOption, _accountKey);
        if (request.Headers.UserAgent.Count == 0)
        {
            request.Headers.UserAgent.Add(UserAgent.Value);
        }

        HttpResponseMessage response;
        if (_observer is not { } observer)
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            observer.RequestStarted(request);
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                observer.RequestEnded(request);
            }
        }

        if (response.StatusCode is System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.Unauthorized)
        {
            // A revoked token: the provider stops handing it out, so the account's next request is refused locally.
            try
            {
                await _credentials.OnRejectedAsync(credentials, (int)response.StatusCode, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The caller still gets the 403 as AircallAuthenticationException; marking the account is retried on its next use.
            }
        }

        return response;
    }

    internal static class UserAgent
    {
        internal static readonly ProductInfoHeaderValue Value = new("Aircall.CallSync", PackageInfo.Version);
    }
}
