using System.Text.Json.Serialization;

namespace Aircall.CallSync.OAuth;

/// <summary>The JSON body of <c>POST /v1/oauth/token</c>.</summary>
internal sealed class TokenRequest
{
    [JsonPropertyName("grant_type")] public string GrantType { get; init; } = "authorization_code";

    [JsonPropertyName("code")] public required string Code { get; init; }

    [JsonPropertyName("redirect_uri")] public required string RedirectUri { get; init; }

    [JsonPropertyName("client_id")] public required string ClientId { get; init; }

    [JsonPropertyName("client_secret")] public required string ClientSecret { get; init; }

    /// <summary>Never the secret or the code.</summary>
    public override string ToString() => "TokenRequest";
}

/// <summary>The token endpoint's answer, success (<c>access_token</c>) or RFC 6749 error (<c>error</c>).</summary>
internal sealed class TokenResponse
{
    [JsonPropertyName("access_token")] public string? AccessToken { get; init; }

    [JsonPropertyName("token_type")] public string? TokenType { get; init; }

    [JsonPropertyName("scope")] public string? Scope { get; init; }

    [JsonPropertyName("created_at")] public long? CreatedAt { get; init; }

    [JsonPropertyName("error")] public string? Error { get; init; }

    [JsonPropertyName("error_description")] public string? ErrorDescription { get; init; }

    /// <summary>Never the token.</summary>
    public override string ToString() => "TokenResponse";
}
