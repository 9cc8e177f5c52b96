namespace Aircall.CallSync.Testing.Data;

/// <summary>Changes a call's facets and overlay; returns whether the change was accepted.</summary>
internal delegate bool MutateCall(ref CallFacets facets, CallOverlay overlay);
