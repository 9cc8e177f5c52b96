namespace Aircall.CallSync.Testing.Data;

/// <summary>
/// A tiny deterministic pseudo-random generator (SplitMix64): the same seed gives the same sequence on every runtime and
/// machine, without allocating. Not for security.
/// </summary>
internal struct SplitMix
{
    private ulong _state;

    public SplitMix(long seed, long salt = 0, long stream = 0)
        => _state = Mix(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)salt * 0xBF58476D1CE4E5B9UL ^ (ulong)stream * 0x94D049BB133111EBUL));

    public ulong NextUInt64()
    {
        _state = unchecked(_state + 0x9E3779B97F4A7C15UL);
        return Mix(_state);
    }

    /// <summary>A value in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : (int)(NextUInt64() % (ulong)maxExclusive);

    /// <summary>A value in [0, <paramref name="maxExclusive"/>).</summary>
    public long NextInt64(long maxExclusive) => maxExclusive <= 1 ? 0 : (long)(NextUInt64() % (ulong)maxExclusive);

    /// <summary>A value in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Whether an event of probability <paramref name="probability"/> happens.</summary>
    public bool Chance(double probability) => probability > 0 && NextDouble() < probability;

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
