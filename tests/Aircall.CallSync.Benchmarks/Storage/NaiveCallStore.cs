using Aircall.CallSync.EntityFrameworkCore;
using Aircall.CallSync.Models;
using Aircall.CallSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace Aircall.CallSync.Benchmarks.Storage;

/// <summary>
/// What an integration writes by hand with EF Core: for each call, in a transaction, read the row, apply
/// <see cref="CallWrite.Supersedes"/> in C#, then insert or update through the change tracker. Two round trips or more
/// per call, and not safe under concurrent writers (two first writes of one call both insert; two updates race).
/// </summary>
internal sealed class NaiveCallStore(IDbContextFactory<BenchContext> contexts) : ICallStore
{
    public async ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var row = await context.Set<AircallCall>().FindAsync([write.AccountId ?? string.Empty, write.CallId], cancellationToken);
        if (row is not null && !write.Supersedes(row.Version, row.Status is { } status ? new CallStatus(status) : (CallStatus?)null))
        {
            return false;
        }

        var written = CallRow.ToEntity(write);
        if (row is null)
        {
            context.Add(written);
        }
        else
        {
            context.Entry(row).CurrentValues.SetValues(written);
        }

        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async ValueTask<int> UpsertManyAsync(IReadOnlyList<CallWrite> writes, CancellationToken cancellationToken)
    {
        var applied = 0;
        foreach (var write in writes)
        {
            applied += await UpsertAsync(write, cancellationToken) ? 1 : 0;
        }

        return applied;
    }
}
