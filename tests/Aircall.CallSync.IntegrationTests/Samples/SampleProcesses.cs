namespace Aircall.CallSync.IntegrationTests.Samples;

/// <summary>The sample processes run one at a time: each uses a core or two of a small CI machine.</summary>
[CollectionDefinition(Name)]
public sealed class SampleProcesses
{
    public const string Name = "Sample processes";
}
