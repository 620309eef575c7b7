namespace AgentFramework.VectorIndex.Persistence;

/// <summary>How a scan of framed records ended.</summary>
internal enum ScanEnd
{
    /// <summary>The last frame ended exactly at the end of the file.</summary>
    Clean,

    /// <summary>A snapshot's closing record was reached.</summary>
    SnapshotEnd,

    /// <summary>The file ends in an incomplete frame — what a crash mid-write leaves; <see cref="ScanResult.TailStart"/> is where it starts.</summary>
    TornTail,

    /// <summary>The file ends in complete but damaged bytes with no intact frame after them; <see cref="ScanResult.TailStart"/> is where they start.</summary>
    DamagedTail,
}
