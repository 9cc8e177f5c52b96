using Aircall.CallSync.TestShared;
using Aircall.CallSync.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Http;

/// <summary>
/// Failures before any response (cancellation, network) surface as the .NET exceptions callers already handle, not
/// wrapped in a Refit type.
/// </summary>
public sealed class TransportFailureTests : IDisposable
{
    private const string Calls = MockAircall.BaseUrl + "v1/calls";

    private readonly MockAircall _aircall = new();

    public void Dispose() => _aircall.Dispose();

    [Fact]
    public async Task Cancellation_surfaces_as_OperationCanceledException()
    {
        _aircall.Http.When(Calls).Respond("application/json", """{"calls":[]}""");
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var list = () => _aircall.Client().ListAsync(cancellationToken: cancellation.Token);

        (await list.Should().ThrowAsync<OperationCanceledException>())
            .Which.CancellationToken.Should().Be(cancellation.Token);
    }

    [Fact]
    public async Task A_network_failure_surfaces_as_HttpRequestException()
    {
        _aircall.Http.When(Calls).Throw(new HttpRequestException("Connection refused (api.test:443)"));

        var list = () => _aircall.Client().ListAsync(cancellationToken: TestContext.Current.CancellationToken);

        await list.Should().ThrowExactlyAsync<HttpRequestException>().WithMessage("Connection refused*");
    }

    [Fact]
    public async Task A_network_failure_is_thrown_by_the_with_response_variants_too()
    {
        _aircall.Http.When(Calls).Throw(new HttpRequestException("Connection reset"));

        var list = () => _aircall.Client().Pages.ListWithResponseAsync(cancellationToken: TestContext.Current.CancellationToken);

        await list.Should().ThrowExactlyAsync<HttpRequestException>();
    }
}
