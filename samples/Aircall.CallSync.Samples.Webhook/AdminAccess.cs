using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Aircall.CallSync.Samples.Webhook;

/// <summary>
/// Guards <c>GET /calls</c>, which shows phone numbers and users, on a port that must be public for Aircall: a request
/// needs <c>Authorization: Bearer &lt;Sample:AdminToken&gt;</c>. Only the token's SHA-256 digest is kept, and the
/// received token is compared with it in constant time (SHA-256 digests, <see cref="CryptographicOperations.FixedTimeEquals"/>). Thread-safe.
/// </summary>
internal sealed class AdminAccess
{
    /// <summary>The setting that turns <c>GET /calls</c> on.</summary>
    public const string Setting = "Sample:AdminToken";

    /// <summary>The shortest token accepted: guessing must be hopeless.</summary>
    public const int MinimumLength = 16;

    private const string Scheme = "Bearer ";
    private readonly byte[] _digest;

    private AdminAccess(string token) => _digest = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Access with <paramref name="token"/>, or the reason it is not acceptable.</summary>
    public static AdminAccess? Create(string token, out string? error)
    {
        error = token.Length < MinimumLength || token.Trim().Length != token.Length || token.Any(char.IsWhiteSpace)
            ? $"{Setting} must be at least {MinimumLength} characters without spaces, e.g. the output of `openssl rand -hex 32`."
            : null;
        return error is null ? new AdminAccess(token) : null;
    }

    /// <summary>Access with a random token (demo mode), printed for the user.</summary>
    public static AdminAccess CreateRandom(out string token)
    {
        token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return new AdminAccess(token);
    }

    /// <summary>Whether the request carries the admin token as a bearer token.</summary>
    public bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(value[Scheme.Length..])), _digest);
    }

    /// <summary>An endpoint filter: 401 with <c>WWW-Authenticate: Bearer</c> unless the request is authorized.</summary>
    public async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (IsAuthorized(context.HttpContext.Request))
        {
            return await next(context);
        }

        context.HttpContext.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return Results.Text("GET /calls needs Authorization: Bearer <Sample:AdminToken>.\n", statusCode: StatusCodes.Status401Unauthorized);
    }
}
