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
    private readonly RateLimiterRegistry _activity;

    public AccountRequestHandler(CredentialSource credentials, string accountKey, HttpMessageHandler inner, RateLimiterRegistry activity)
        : base(inner)
    {
        _credentials = credentials;
        _accountKey = accountKey;
        _activity = activity;
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

        _activity.EnterPipeline();
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _activity.ExitPipeline(request);
        }
    }


    internal static class UserAgent
    {
        internal static readonly ProductInfoHeaderValue Value = new("Aircall.CallSync", PackageInfo.Version);
    }
}
