using System.Diagnostics.CodeAnalysis;
using Aircall.CallSync;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddAircallCallSync</c> to configure the SDK further.</summary>
public sealed class AircallCallSyncBuilder
{
    internal AircallCallSyncBuilder(IServiceCollection services, IHttpClientBuilder httpClient)
    {
        Services = services;
        HttpClient = httpClient;
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The <c>Aircall</c> configuration section the SDK was registered from, or <c>null</c> when configured in code.</summary>
    internal Microsoft.Extensions.Configuration.IConfiguration? Configuration { get; init; }

    /// <summary>The IHttpClientFactory registration every Aircall request goes through; add handlers here.</summary>
    public IHttpClientBuilder HttpClient { get; }

    /// <summary>Registers the provider of per-account credentials used by <see cref="IAircallClientFactory.CreateClient(string)"/>.</summary>
    /// <typeparam name="TProvider">Your implementation; registered as a singleton.</typeparam>
    public AircallCallSyncBuilder AddCredentialProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider>()
        where TProvider : class, IAircallCredentialProvider
    {
        Services.Replace(ServiceDescriptor.Singleton<IAircallCredentialProvider, TProvider>());
        return this;
    }
}
