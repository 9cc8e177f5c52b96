namespace Aircall.CallSync.Testing.Data;

/// <summary>One call of an account's timeline: its creation second (what <c>from</c>, <c>to</c> and <c>order</c> use), id and facets (about 40 bytes). Its <c>started_at</c> is the creation second unless a fault delays it (see <see cref="SimulatorFaults.LateStartedAt"/>).</summary>
internal struct CallSlot
{
    public long CreatedAt;
    public long Id;
    public CallFacets Facets;
}
