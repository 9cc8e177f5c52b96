using Aircall.CallSync.Testing.Data;

namespace Aircall.CallSync.Testing.Webhooks;

/// <summary>One event of a call's lifecycle: its name, the call snapshot it carries and its envelope timestamp.</summary>
internal readonly record struct LifecycleEvent(string Name, LifecycleStage Stage, DateTimeOffset Timestamp);
