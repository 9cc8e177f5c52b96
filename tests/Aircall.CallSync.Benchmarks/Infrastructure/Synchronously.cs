namespace Aircall.CallSync.Benchmarks.Infrastructure;

/// <summary>Results of value tasks a benchmark knows complete synchronously (and checks that they did).</summary>
internal static class Synchronously
{
    public static T Result<T>(ValueTask<T> task)
        => task.IsCompletedSuccessfully ? task.Result : throw new InvalidOperationException("The operation did not complete synchronously.");
}
