namespace AgentFramework.VectorIndex.Persistence;

/// <summary>What a scan found: intact frames were handed out, damaged regions skipped.</summary>
internal sealed class ScanResult
{
    public List<DamagedRegion> Regions { get; } = [];

    public ScanEnd End { get; set; }

    /// <summary>Where the torn or damaged tail starts (the end of the last intact frame).</summary>
    public long TailStart { get; set; }

    public long IntactFrames { get; set; }

    /// <summary>Records in a damaged tail, by their length fields (at least 1).</summary>
    public int TailRecords { get; set; }

    /// <summary>The count a snapshot's closing record states, or -1 when the scan did not reach one.</summary>
    public long SnapshotCount { get; set; } = -1;

    public bool Damaged => Regions.Count > 0 || End == ScanEnd.DamagedTail;
}
