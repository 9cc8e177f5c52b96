using Aircall.CallSync.Models;
using Refit;

namespace Aircall.CallSync.Api;

/// <summary>Query parameters of <c>GET /v1/calls/search</c>: those of the list plus filters.</summary>
internal sealed class CallSearchParameters : CallListParameters
{
    /// <summary>Only calls in this direction.</summary>
    [AliasAs("direction")] public CallDirection? Direction { get; init; }

    /// <summary>Only calls of this user.</summary>
    [AliasAs("user_id")] public long? UserId { get; init; }

    /// <summary>Only calls with this external number.</summary>
    [AliasAs("phone_number")] public string? PhoneNumber { get; init; }

    /// <summary>Only calls carrying all of these tag ids; sent as a repeated <c>tags[]</c> key.</summary>
    [AliasAs("tags[]"), Query(CollectionFormat.Multi)]
    public IReadOnlyList<long>? TagIds { get; init; }
}
