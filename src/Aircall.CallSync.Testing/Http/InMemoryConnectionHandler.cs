namespace Aircall.CallSync.Testing.Http;

/// <summary>
/// Wraps a TestServer handler so that a connection the simulator drops surfaces as it would over a socket:
/// <see cref="HttpRequestException"/> with an inner <see cref="IOException"/>.
/// </summary>
internal sealed class InMemoryConnectionHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException(
                "The Aircall simulator dropped the connection (a simulated fault).",
                new IOException("The connection was aborted by the server.", ex));
        }
    }
}
