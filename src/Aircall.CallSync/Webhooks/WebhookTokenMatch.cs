namespace Aircall.CallSync.Webhooks;

/// <summary>A token that matched, and the account it belongs to.</summary>
/// <param name="AccountId">Your identifier of the account; <c>null</c> when the application serves a single account.</param>
public readonly record struct WebhookTokenMatch(string? AccountId);
