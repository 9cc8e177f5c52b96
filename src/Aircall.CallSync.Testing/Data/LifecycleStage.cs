namespace Aircall.CallSync.Testing.Data;

/// <summary>How far into its lifecycle a call snapshot is; the REST API always shows <see cref="Final"/>.</summary>
internal enum LifecycleStage
{
    Created,
    Ringing,
    Answered,
    Transferred,
    Hungup,
    Ended,
    Final,
}
