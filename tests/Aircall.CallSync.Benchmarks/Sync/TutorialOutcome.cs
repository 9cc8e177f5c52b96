namespace Aircall.CallSync.Benchmarks.Sync;

/// <summary>How the tutorial loop ended.</summary>
internal sealed record TutorialOutcome(int Requests, int RateLimited, string StopReason);
