namespace AgentFramework.VectorIndex;

/// <summary>Which live entry leaves when the index is full.</summary>
public enum VectorEvictionPolicy
{
    /// <summary>The entry least recently returned by a search (or written, if never returned); exact up to 1,024 entries, sampled above.</summary>
    LeastRecentlyUsed,

    /// <summary>The entry written longest ago; exact up to 1,024 entries, sampled above.</summary>
    OldestWritten,
}
