using System.Collections.Concurrent;
using System.Globalization;
using Aircall.CallSync.Diagnostics;
using Aircall.CallSync.OAuth;
using Aircall.CallSync.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Accounts;

/// <summary>
/// The install of your app in an Aircall company, framework-neutral: <see cref="BeginAsync"/> when Aircall opens your
/// install URI (redirect to consent), <see cref="CompleteAsync"/> when the OAuth callback arrives. Completing verifies the
/// state, exchanges the code, reads <c>GET /v1/integrations/me</c>, saves the account (its id is the company id in
/// invariant digits; <see cref="AircallAccountStatus.Installing"/>), ensures the account's webhook at
/// <see cref="AircallAccountsOptions.WebhookUrl"/> (found by URL, so never duplicated) keeping only its token's digest,
/// marks the account <see cref="AircallAccountStatus.Active"/> and schedules the first backfill. An install that fails
/// after the account is saved leaves it Installing with <see cref="AircallAccount.LastError"/>; installing again (or
/// <see cref="ResumeAsync"/>) finishes it. ASP.NET Core apps use <c>MapAircallInstall</c>. Thread-safe.
/// </summary>
public class AircallInstallFlow
{
    private readonly IAircallOAuthClient _oauth;
    private readonly IAircallClientFactory _clients;
    private readonly IAircallAccountStore _store;
    private readonly IAccountSyncScheduler _scheduler;
    private readonly IOptionsMonitor<AircallOAuthOptions> _oauthOptions;
    private readonly IOptionsMonitor<AircallAccountsOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _installing = new(StringComparer.Ordinal);

    /// <summary>Creates the flow (dependency injection does, with <c>AddPartnerAccounts</c>).</summary>
    /// <param name="oauth">Consent URLs, state checks, token exchange.</param>
    /// <param name="clients">Creates the account's client.</param>
    /// <param name="store">Where accounts are kept.</param>
    /// <param name="scheduler">Runs the first backfill.</param>
    /// <param name="oauthOptions">The success page.</param>
    /// <param name="options">The webhook URL and events.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <c>null</c>.</param>
    /// <param name="logger">Where outcomes are logged (never codes, states or tokens).</param>
    public AircallInstallFlow(
        IAircallOAuthClient oauth,
        IAircallClientFactory clients,
        IAircallAccountStore store,
        IAccountSyncScheduler scheduler,
        IOptionsMonitor<AircallOAuthOptions> oauthOptions,
        IOptionsMonitor<AircallAccountsOptions> options,
        TimeProvider? timeProvider = null,
        ILogger<AircallInstallFlow>? logger = null)
    {
        _oauth = oauth ?? throw new ArgumentNullException(nameof(oauth));
        _clients = clients ?? throw new ArgumentNullException(nameof(clients));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        _oauthOptions = oauthOptions ?? throw new ArgumentNullException(nameof(oauthOptions));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>For mocking: a flow whose members do nothing until overridden.</summary>
    protected AircallInstallFlow()
    {
        _oauth = null!;
        _clients = null!;
        _store = null!;
        _scheduler = null!;
        _oauthOptions = null!;
        _options = null!;
        _time = TimeProvider.System;
        _logger = NullLogger.Instance;
    }

    /// <summary>
    /// Starts an install (Aircall opened your install URI): issues a state and returns the consent URL to redirect the
    /// browser to. Bind <see cref="AircallAuthorizationRequest.State"/> to the browser too (<c>MapAircallInstall</c> sets a
    /// cookie holding its digest).
    /// </summary>
    /// <param name="cancellationToken">Cancels the write of the state.</param>
    public virtual ValueTask<AircallAuthorizationRequest> BeginAsync(CancellationToken cancellationToken)
        => _oauth.CreateAuthorizationRequestAsync(cancellationToken);

    /// <summary>
    /// Completes an install from the OAuth callback's parameters. Never throws for bad input or Aircall failures: the
    /// result says what happened and what to answer (302 to <see cref="AircallInstallResult.RedirectUri"/>, or 400, 500,
    /// 502 with <see cref="AircallInstallResult.Message"/>). A missing, forged, expired or replayed state changes nothing.
    /// </summary>
    /// <param name="code">The callback's <c>code</c>.</param>
    /// <param name="state">The callback's <c>state</c>.</param>
    /// <param name="error">The callback's <c>error</c> (<c>access_denied</c> when the admin declined), if any.</param>
    /// <param name="cancellationToken">Cancels the install; a step already done stays done, and installing again finishes it.</param>
    public virtual async ValueTask<AircallInstallResult> CompleteAsync(string? code, string? state, string? error, CancellationToken cancellationToken)
    {
        if (!await _oauth.ConsumeStateAsync(state, cancellationToken).ConfigureAwait(false))
        {
            return Refused(new AircallInstallResult(AircallInstallOutcome.InvalidState,
                "This install link is invalid, expired or already used: start the install again from Aircall's dashboard.",
                oauthError: AircallOAuthErrorReason.InvalidRequest));
        }

        if (!string.IsNullOrEmpty(error))
        {
            return Refused(string.Equals(error, "access_denied", StringComparison.Ordinal)
                ? new AircallInstallResult(AircallInstallOutcome.AccessDenied,
                    "The install was declined in Aircall; nothing was installed. An admin can install the app again from Aircall's dashboard.",
                    oauthError: AircallOAuthErrorReason.AccessDenied)
                : new AircallInstallResult(AircallInstallOutcome.Misconfigured,
                    "Aircall refused the consent request (" + SafeCode(error) + "): check Aircall:OAuth:ClientId and Aircall:OAuth:RedirectUri.",
                    oauthError: AircallOAuthErrorReason.InvalidRequest));
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            return Refused(new AircallInstallResult(AircallInstallOutcome.InvalidCode,
                "The callback carried no authorization code: start the install again from Aircall's dashboard.",
                oauthError: AircallOAuthErrorReason.InvalidRequest));
        }

        AircallOAuthToken token;
        try
        {
            token = await _oauth.ExchangeCodeAsync(code, cancellationToken).ConfigureAwait(false);
        }
        catch (AircallOAuthException exception)
        {
            var outcome = exception.Reason switch
            {
                AircallOAuthErrorReason.InvalidCode or AircallOAuthErrorReason.InvalidRequest => AircallInstallOutcome.InvalidCode,
                AircallOAuthErrorReason.InvalidClient or AircallOAuthErrorReason.RedirectUriMismatch
                    or AircallOAuthErrorReason.UnsupportedGrantType or AircallOAuthErrorReason.InvalidScope => AircallInstallOutcome.Misconfigured,
                _ => AircallInstallOutcome.Unavailable,
            };
            return Refused(new AircallInstallResult(outcome, exception.Message, oauthError: exception.Reason));
        }

        long companyId;
        string? name;
        try
        {
            var integration = (await _clients.CreateClient(AircallCredentials.Bearer(token.AccessToken)).Integrations
                .GetCurrentAsync(cancellationToken).ConfigureAwait(false)).Integration;
            if (integration?.CompanyId is not { } id || id <= 0)
            {
                return Refused(new AircallInstallResult(AircallInstallOutcome.Unavailable,
                    "Aircall's GET /v1/integrations/me did not say which company installed the app: install again later."));
            }

            companyId = id;
            name = string.IsNullOrWhiteSpace(integration.CustomName) ? integration.Name : integration.CustomName;
        }
        catch (Exception exception) when (exception is AircallApiException or AircallConnectionException or HttpRequestException)
        {
            return Refused(new AircallInstallResult(AircallInstallOutcome.Unavailable,
                "Aircall's GET /v1/integrations/me failed, so the install could not finish: install again later. " + exception.Message));
        }

        var accountId = companyId.ToString(CultureInfo.InvariantCulture);
        var gate = _installing.GetOrAdd(accountId, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var account = await _store.FindAsync(accountId, cancellationToken).ConfigureAwait(false)
                ?? new AircallAccount { AccountId = accountId, InstalledAt = now };
            if (account.Status == AircallAccountStatus.Uninstalled)
            {
                account.InstalledAt = now;
            }

            account.CompanyId = companyId;
            account.Name = name;
            account.AccessToken = token.AccessToken;
            account.Status = AircallAccountStatus.Installing;
            account.UpdatedAt = now;
            await _store.SaveAsync(account, cancellationToken).ConfigureAwait(false);
            return await FinishAsync(account, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Finishes the install of an account left <see cref="AircallAccountStatus.Installing"/> (or re-ensures an
    /// <see cref="AircallAccountStatus.Active"/> one) with its stored token: webhook, status, first backfill. Nothing is
    /// duplicated. For an admin's "retry" button.
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="cancellationToken">Cancels the steps.</param>
    /// <exception cref="KeyNotFoundException">No such account.</exception>
    /// <exception cref="AircallAccountUnavailableException">The account was uninstalled or its token revoked: only a new
    /// install from Aircall's dashboard helps.</exception>
    public virtual async ValueTask<AircallInstallResult> ResumeAsync(string accountId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        var gate = _installing.GetOrAdd(accountId, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var account = await _store.FindAsync(accountId, cancellationToken).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"No Aircall account '{accountId}' is installed.");
            if (account.Status is AircallAccountStatus.NeedsReinstall or AircallAccountStatus.Uninstalled || string.IsNullOrEmpty(account.AccessToken))
            {
                throw new AircallAccountUnavailableException(accountId, account.Status == AircallAccountStatus.NeedsReinstall ? AircallAccountStatus.NeedsReinstall : AircallAccountStatus.Uninstalled);
            }

            return await FinishAsync(account, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async ValueTask<AircallInstallResult> FinishAsync(AircallAccount account, CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        var accountId = account.AccountId;
        var webhookUrl = options.WebhookUrl ?? throw new InvalidOperationException("Aircall:Accounts:WebhookUrl is not set.");
        var client = _clients.CreateClient(AircallCredentials.Bearer(account.AccessToken!).WithAccountId(accountId));
        Models.Webhook webhook;
        try
        {
            webhook = await client.Webhooks.EnsureWebhookAsync(webhookUrl, [.. options.WebhookEvents], options.WebhookName, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(webhook.Token) || string.IsNullOrEmpty(webhook.WebhookId))
            {
                throw new InvalidOperationException("Aircall returned the account's webhook without its id or token.");
            }

            account.WebhookId = webhook.WebhookId;
            account.WebhookTokenDigest = WebhookTokenComparer.Digest(webhook.Token);
            account.Status = AircallAccountStatus.Active;
            account.LastError = null;
            account.LastErrorAt = null;
            account.UpdatedAt = _time.GetUtcNow();
            await _store.SaveAsync(account, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.InstallStepFailed(_logger, exception, accountId, "webhook");
            var now = _time.GetUtcNow();
            var error = "The install could not create the account's webhook: " + Clip(exception.Message) + " Install again to finish; nothing is duplicated.";
            await _store.RecordActivityAsync(accountId, new AircallAccountActivity { Error = error, ErrorAt = now }, CancellationToken.None).ConfigureAwait(false);
            return Refused(new AircallInstallResult(AircallInstallOutcome.Incomplete,
                "The app is authorized but the install could not finish (its webhook could not be created): install it again from Aircall's dashboard to finish.",
                accountId));
        }

        if (options.BackfillOnInstall)
        {
            try
            {
                await _scheduler.ScheduleBackfillAsync(accountId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.BackfillScheduleFailed(_logger, exception, accountId);
                await _store.RecordActivityAsync(accountId, new AircallAccountActivity { Error = "The first backfill could not be scheduled: " + Clip(exception.Message), ErrorAt = _time.GetUtcNow() }, CancellationToken.None).ConfigureAwait(false);
            }
        }

        Log.AccountInstalled(_logger, accountId, account.WebhookId!);
        return new AircallInstallResult(AircallInstallOutcome.Installed, "Installed.", accountId, _oauthOptions.CurrentValue.SuccessUri);
    }

    private AircallInstallResult Refused(AircallInstallResult result)
    {
        Log.InstallRefused(_logger, result.Outcome, result.Message);
        return result;
    }

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "...";

    /// <summary>An OAuth error code as Aircall's callback gave it, kept to the characters error codes use.</summary>
    private static string SafeCode(string error)
    {
        var length = Math.Min(error.Length, 40);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            var c = error[i];
            chars[i] = char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '?';
        }

        return new string(chars);
    }
}
