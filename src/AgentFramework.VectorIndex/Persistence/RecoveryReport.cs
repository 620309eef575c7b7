namespace AgentFramework.VectorIndex.Persistence;

/// <summary>What opening a persistent index found.</summary>
internal sealed class RecoveryReport
{
    public long SnapshotEntries { get; set; }

    public long LogRecords { get; set; }

    public long DroppedBytes { get; set; }

    public int DamagedFiles { get; set; }

    /// <summary>Records skipped inside damaged regions of logs and snapshots (counted by their length fields where readable).</summary>
    public long SkippedRecords { get; set; }

    /// <summary>Bytes of damaged regions skipped in the middle of logs and snapshots, and of damaged (not torn) log tails.</summary>
    public long SkippedBytes { get; set; }

    /// <summary>Entries of a damaged snapshot that could not be recovered (its closing count minus what was read; -1 when that count is lost too).</summary>
    public long LostSnapshotEntries { get; set; }

    /// <summary>Entries not served because they were written before records a log lost (any of those may have deleted or replaced them).</summary>
    public long DroppedBeforeDamage { get; set; }

    /// <summary>Damage was found that the files still carry (skipped log regions, a salvaged snapshot, a bad header): the index writes a new snapshot right after the open.</summary>
    public bool RewriteNeeded { get; set; }

    /// <summary>Scopes whose graph was read from the snapshot's graph file.</summary>
    public int GraphsLoaded { get; set; }

    /// <summary>Scopes above the ANN threshold whose graph had to be built on open (no usable graph file).</summary>
    public int GraphsRebuilt { get; set; }
}
