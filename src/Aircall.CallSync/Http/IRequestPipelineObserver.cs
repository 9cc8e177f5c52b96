namespace Aircall.CallSync.Http;

/// <summary>
/// Sees requests enter and leave the HTTP pipeline and retries wait out their backoff. For test harnesses that drive a
/// virtual clock and must know when no request is on its way before moving time. None is registered by default, and
/// then the pipeline makes no call at all (a null check per request).
/// </summary>
internal interface IRequestPipelineObserver
{
    /// <summary><paramref name="request"/> entered the pipeline (its credentials are set).</summary>
    void RequestStarted(HttpRequestMessage request);

    /// <summary><paramref name="request"/> left the pipeline: answered, failed or cancelled.</summary>
    void RequestEnded(HttpRequestMessage request);

    /// <summary>A retry of <paramref name="request"/> will start after <paramref name="delay"/>.</summary>
    void BackoffStarted(HttpRequestMessage request, TimeSpan delay);

    /// <summary>An attempt of <paramref name="request"/> reached the rate limiter: a retry's backoff, if any, is over.</summary>
    void AttemptStarted(HttpRequestMessage request);
}
