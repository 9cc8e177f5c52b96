namespace Aircall.CallSync.Testing.Data;

/// <summary>One call of an account's timeline: its creation second, id and facets (about 40 bytes).</summary>
internal struct CallSlot
{
    public long StartedAt;
    public long Id;
    public CallFacets Facets;
}
