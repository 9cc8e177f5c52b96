using Aircall.CallSync.IntegrationTests.Samples;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Testing;

namespace Aircall.CallSync.IntegrationTests.Docs;

/// <summary>The <c>MyCallStore</c> of docs/call-store.md, compiled from the document, passes the conformance kit, as the document says.</summary>
[Collection(SharedFreshProjects.Name)]
public sealed class CallStoreDocsTests(FreshProjects projects)
{
    [Fact]
    public async Task The_documented_store_passes_the_conformance_kit()
    {
        var block = DocBlock.Read(SampleProcess.RepoRoot, "docs/call-store.md").Single(b => b.Code.Contains("class MyCallStore : ICallStore", StringComparison.Ordinal));
        var storeType = projects.Console.Load(block).GetType("MyCallStore", throwOnError: true)!;

        await CallStoreConformance.RunAllAsync(new Probe(storeType));
    }

    private sealed class Probe(Type storeType) : ICallStoreProbe
    {
        public Task<ICallStore> CreateStoreAsync() => Task.FromResult((ICallStore)Activator.CreateInstance(storeType)!);

        public Task<StoredCall?> FindAsync(ICallStore store, string? accountId, long callId)
            => Task.FromResult((StoredCall?)storeType.GetMethod("Find")!.Invoke(store, [accountId, callId]));
    }
}
