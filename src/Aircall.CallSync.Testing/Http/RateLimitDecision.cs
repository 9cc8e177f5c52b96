namespace Aircall.CallSync.Testing.Http;

/// <summary>Whether a request may proceed, and what the <c>X-AircallApi-*</c> headers say.</summary>
internal readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, DateTimeOffset Reset);
