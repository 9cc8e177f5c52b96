namespace Aircall.CallSync.IntegrationTests.Docs;

/// <summary>The tests that use the fresh projects share one restore of them (see <see cref="FreshProjects"/>).</summary>
[CollectionDefinition(Name)]
public sealed class SharedFreshProjects : ICollectionFixture<FreshProjects>
{
    public const string Name = "Fresh projects";
}
