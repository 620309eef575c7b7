using AgentFramework.VectorSearch;

namespace AgentFramework.VectorIndex.Storage;

/// <summary>
/// What the index knows about one live entry besides its vector. Immutable except for the
/// bookkeeping fields the writer (slot, list position) and readers (last access) maintain.
/// </summary>
internal sealed class EntryRecord(string id, VectorScope scope, string? payload, string[] tags, long expiresTicks, long writtenSequence)
{
    /// <summary>Expiry meaning "never".</summary>
    public const long Never = long.MaxValue;

    public string Id { get; } = id;

    /// <summary>The scope; replaced by the partition's own instance on insert, so a million entries share one.</summary>
    public VectorScope Scope { get; set; } = scope;

    public string? Payload { get; } = payload;

    public string[] Tags { get; } = tags;

    /// <summary>UTC ticks after which the entry is dead; <see cref="Never"/> when it never expires.</summary>
    public long ExpiresTicks { get; } = expiresTicks;

    /// <summary>Write order, for <see cref="VectorEvictionPolicy.OldestWritten"/>.</summary>
    public long WrittenSequence { get; } = writtenSequence;

    /// <summary>UTC ticks of the last search that returned it (or its write); racy by design, only eviction reads it.</summary>
    public long LastAccessTicks;

    /// <summary>The partition holding it; writer-owned.</summary>
    public ScopePartition? Partition;

    /// <summary>Its row in the partition's current segment; writer-owned.</summary>
    public int Slot = -1;

    /// <summary>Its position in the index's live list (for O(1) removal and eviction sampling); writer-owned.</summary>
    public int LiveIndex = -1;

    public bool IsExpired(long nowTicks) => ExpiresTicks <= nowTicks;
}
