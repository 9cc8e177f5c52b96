using Refit;

namespace Aircall.CallSync.Api;

/// <summary>
/// Aircall's <c>/v1/calls/{id}</c> endpoints: one call, and the actions on it. Failed requests throw
/// <see cref="AircallApiException"/> (or a subclass). To list calls, use <see cref="AircallClient.GetCallsAsync"/>, which
/// pages, keeps the rate limit and passes the 10,000-result cap. Implementations are thread-safe.
/// </summary>
[Headers("Accept: application/json")]
public interface ICallsApi
{
    /// <summary><c>GET /v1/calls/{id}</c>: the call as Aircall has it now, read tolerantly (see <see cref="AircallJson"/>).</summary>
    /// <param name="id">The call's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    [Get("/v1/calls/{id}")]
    Task<CallEnvelope> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/calls/{id}/transfers</c>: transfers a live call.</summary>
    [Post("/v1/calls/{id}/transfers")]
    Task TransferAsync(long id, [Body] TransferCallRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/calls/{id}/comments</c>: adds a note.</summary>
    [Post("/v1/calls/{id}/comments")]
    Task CommentAsync(long id, [Body] CommentRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/calls/{id}/tags</c>: applies tags by id.</summary>
    [Post("/v1/calls/{id}/tags")]
    Task TagAsync(long id, [Body] TagCallRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>PUT /v1/calls/{id}/archive</c>.</summary>
    [Put("/v1/calls/{id}/archive")]
    Task<CallEnvelope> ArchiveAsync(long id, CancellationToken cancellationToken = default);

    /// <summary><c>PUT /v1/calls/{id}/unarchive</c>.</summary>
    [Put("/v1/calls/{id}/unarchive")]
    Task<CallEnvelope> UnarchiveAsync(long id, CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/calls/{id}/pause_recording</c>; 405 when recording is disabled on the number.</summary>
    [Post("/v1/calls/{id}/pause_recording")]
    Task PauseRecordingAsync(long id, CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/calls/{id}/resume_recording</c>; 405 when recording is disabled on the number.</summary>
    [Post("/v1/calls/{id}/resume_recording")]
    Task ResumeRecordingAsync(long id, CancellationToken cancellationToken = default);

    /// <summary><c>DELETE /v1/calls/{id}/recording</c>.</summary>
    [Delete("/v1/calls/{id}/recording")]
    Task DeleteRecordingAsync(long id, CancellationToken cancellationToken = default);

    /// <summary><c>DELETE /v1/calls/{id}/voicemail</c>.</summary>
    [Delete("/v1/calls/{id}/voicemail")]
    Task DeleteVoicemailAsync(long id, CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/calls/{id}/insight_cards</c>: shows a card in the agent's app during an ongoing call.</summary>
    [Post("/v1/calls/{id}/insight_cards")]
    Task CreateInsightCardAsync(long id, [Body] InsightCardRequest request, CancellationToken cancellationToken = default);
}
