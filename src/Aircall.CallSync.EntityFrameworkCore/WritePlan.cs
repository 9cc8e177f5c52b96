using Aircall.CallSync.Storage;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// Splits a list of writes into upsert statements that, run in order, leave each call as writing the list one by one
/// would: a statement holds each call at most once (PostgreSQL refuses <c>ON CONFLICT DO UPDATE</c> touching a row
/// twice), so the n-th write of a call goes in the n-th round; rows are sorted by (account, call id) so that concurrent
/// writers lock rows in the same order and cannot deadlock; and no statement exceeds
/// <see cref="CallsTable.MaxRowsPerStatement"/>. A page of distinct calls is one statement.
/// </summary>
internal static class WritePlan
{
    /// <summary>The statements, each the indexes in <paramref name="writes"/> of its rows, in the order to run them.</summary>
    internal static List<int[]> Of(IReadOnlyList<CallWrite> writes)
    {
        var statements = new List<int[]>(1);
        if (writes.Count == 1)
        {
            ArgumentNullException.ThrowIfNull(writes[0], nameof(writes));
            statements.Add([0]);
            return statements;
        }

        var seen = new Dictionary<(string, long), int>(writes.Count);
        var rounds = new List<List<int>>(1);
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            ArgumentNullException.ThrowIfNull(write, nameof(writes));
            var key = (write.AccountId ?? string.Empty, write.CallId);
            seen.TryGetValue(key, out var round);
            seen[key] = round + 1;
            if (round == rounds.Count)
            {
                rounds.Add(new List<int>(round == 0 ? writes.Count : 4));
            }

            rounds[round].Add(i);
        }

        foreach (var round in rounds)
        {
            var rows = round.ToArray();
            Array.Sort(rows, (a, b) =>
            {
                var byAccount = string.CompareOrdinal(writes[a].AccountId ?? string.Empty, writes[b].AccountId ?? string.Empty);
                return byAccount != 0 ? byAccount : writes[a].CallId.CompareTo(writes[b].CallId);
            });
            for (var start = 0; start < rows.Length; start += CallsTable.MaxRowsPerStatement)
            {
                statements.Add(rows.Length <= CallsTable.MaxRowsPerStatement ? rows : rows[start..Math.Min(rows.Length, start + CallsTable.MaxRowsPerStatement)]);
            }
        }

        return statements;
    }
}
