namespace Aircall.CallSync.Testing.Data;

/// <summary>Filters of a list or search request, parsed once. <c>From</c>/<c>To</c> are inclusive UNIX seconds.</summary>
internal sealed class CallFilter
{
    public long? From { get; init; }

    public long? To { get; init; }

    public bool Descending { get; init; }

    public bool? Inbound { get; init; }

    public long? UserId { get; init; }

    public string? Phone { get; init; }

    /// <summary>Tag catalogue bits every match must carry (AND).</summary>
    public int RequiredTags { get; init; }

    /// <summary>A filter no call can match (an unknown tag id, say).</summary>
    public bool MatchesNothing { get; init; }

    public bool HasFilters => Inbound is not null || UserId is not null || Phone is not null || RequiredTags != 0 || MatchesNothing;

    public bool Matches(in CallSlot slot)
    {
        var f = slot.Facets;
        if (MatchesNothing || (Inbound is { } inbound && f.IsInbound != inbound) || (f.TagMask & RequiredTags) != RequiredTags)
        {
            return false;
        }

        if (UserId is { } user && (f.UserIndex < 0 || (f.IsInbound && !f.IsAnswered) || Catalog.UserId(f.UserIndex) != user))
        {
            return false;
        }

        return Phone is null || (!f.Anonymous && string.Equals(Catalog.Normalize(Catalog.Phone(f.PhoneIndex)), Phone, StringComparison.Ordinal));
    }
}
