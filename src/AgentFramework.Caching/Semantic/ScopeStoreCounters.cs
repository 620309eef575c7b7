namespace AgentFramework.Caching.Semantic;

/// <summary>
/// How many semantic entries were stored per scope, in 64 striped counters (bounded memory however many tenants):
/// a miss compares the count before its search with the count after it registered as pending, and searches again
/// only when a store landed in between. A shared stripe can only cause an extra search, never a missed one.
/// </summary>
internal sealed class ScopeStoreCounters
{
    private const int Stripes = 64;
    private readonly long[] _counts = new long[Stripes];

    /// <summary>The current count of <paramref name="scopeKey"/>'s stripe.</summary>
    public long Read(string scopeKey) => Volatile.Read(ref _counts[Stripe(scopeKey)]);

    /// <summary>Counts a store into <paramref name="scopeKey"/>.</summary>
    public void Stored(string scopeKey) => Interlocked.Increment(ref _counts[Stripe(scopeKey)]);

    private static int Stripe(string scopeKey) => (int)((uint)StringComparer.Ordinal.GetHashCode(scopeKey) % Stripes);
}
