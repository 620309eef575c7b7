namespace AgentFramework.VectorIndex.Persistence;

/// <summary>A damaged stretch of a log or snapshot that a scan skipped.</summary>
/// <param name="Start">Offset of the first damaged byte (the start of the first frame that did not check out).</param>
/// <param name="End">Offset of the next intact frame (or of the end of the file for a damaged tail).</param>
/// <param name="Records">How many records the stretch held, counted by their length fields; at least 1.</param>
internal readonly record struct DamagedRegion(long Start, long End, int Records)
{
    public long Bytes => End - Start;
}
