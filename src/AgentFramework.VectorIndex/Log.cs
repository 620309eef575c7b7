using Microsoft.Extensions.Logging;

namespace AgentFramework.VectorIndex;

/// <summary>The index's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Evicted vector entry '{Id}' to stay within capacity ({Policy}).")]
    public static partial void Evicted(ILogger logger, string id, VectorEvictionPolicy policy);

    [LoggerMessage(2, LogLevel.Information, "Opened vector index in '{Directory}': {Entries} live entries from {SnapshotEntries} snapshot entries and {LogRecords} log records in {ElapsedMs} ms.")]
    public static partial void Opened(ILogger logger, string directory, long entries, long snapshotEntries, long logRecords, long elapsedMs);

    [LoggerMessage(3, LogLevel.Warning, "Vector index log '{Path}' ended in a torn or corrupt record: dropped its last {DroppedBytes} bytes, keeping the first {KeptBytes}. Writes that were never acknowledged can be lost this way; acknowledged durable writes cannot.")]
    public static partial void TornTailDropped(ILogger logger, string path, long droppedBytes, long keptBytes);

    [LoggerMessage(4, LogLevel.Warning, "Vector index file '{Path}' is not a snapshot of this index (no valid header and no intact records) and was renamed to '{Aside}'.")]
    public static partial void SnapshotUnusable(ILogger logger, string path, string aside);

    [LoggerMessage(5, LogLevel.Warning, "Vector index file '{Path}' does not start with a valid header and was ignored.")]
    public static partial void BadHeader(ILogger logger, string path);

    [LoggerMessage(6, LogLevel.Warning, "Could not sync the vector index log in '{Directory}' on close.")]
    public static partial void SyncFailed(ILogger logger, string directory, Exception exception);

    [LoggerMessage(7, LogLevel.Information, "Compacted vector index in '{Directory}': snapshot of {Entries} entries written in {ElapsedMs} ms.")]
    public static partial void Compacted(ILogger logger, string directory, long entries, long elapsedMs);

    [LoggerMessage(8, LogLevel.Warning, "Background sync of the vector index log in '{Directory}' failed.")]
    public static partial void BackgroundSyncFailed(ILogger logger, string directory, Exception exception);

    [LoggerMessage(9, LogLevel.Warning, "Vector index graph file '{Path}' is damaged, incomplete or of another version; the graphs are rebuilt from the entries.")]
    public static partial void GraphUnusable(ILogger logger, string path);

    [LoggerMessage(10, LogLevel.Error, "Vector index log '{Path}' has {DamagedBytes} damaged bytes at offset {Offset}: skipped {Records} record(s) there (counted by their length fields) and resumed at the next intact record. Those acknowledged writes are lost; the damaged bytes are kept in '{Aside}'.")]
    public static partial void DamagedRecordsSkipped(ILogger logger, string path, long damagedBytes, long offset, int records, string aside);

    [LoggerMessage(11, LogLevel.Error, "Vector index log '{Path}' ends in {DamagedBytes} bytes of complete but damaged records ({Records} by their length fields) after its first {KeptBytes} bytes: they are lost, kept in '{Aside}' and cut from the log.")]
    public static partial void DamagedTailKeptAside(ILogger logger, string path, long damagedBytes, long keptBytes, int records, string aside);

    [LoggerMessage(12, LogLevel.Error, "Vector index snapshot '{Path}' is damaged: {Recovered} of its {Expected} entries were read intact, {Lost} are lost ({DamagedBytes} damaged bytes skipped). The index opens with what survived and writes it to a new snapshot; the damaged file is then renamed aside, not deleted.")]
    public static partial void SnapshotSalvaged(ILogger logger, string path, long recovered, long expected, long lost, long damagedBytes);

    [LoggerMessage(13, LogLevel.Error, "Vector index snapshot '{Path}' is damaged and its closing count is lost: {Recovered} entries were read intact, an unknown number after the damage are lost ({DamagedBytes} damaged bytes skipped). The index opens with what survived and writes it to a new snapshot; the damaged file is then renamed aside, not deleted.")]
    public static partial void SnapshotSalvagedCountUnknown(ILogger logger, string path, long recovered, long damagedBytes);

    [LoggerMessage(14, LogLevel.Warning, "Vector index file '{Path}' has a damaged header, but intact records of this index follow it: the header was ignored and the records read ({Kept}).")]
    public static partial void HeaderDamaged(ILogger logger, string path, string kept);

    [LoggerMessage(15, LogLevel.Warning, "Vector index snapshot '{Path}' is damaged, but the files of generation {Generation} (-1: the logs since the index was created) and the logs since cover everything it held, so nothing is lost. It was renamed to '{Aside}'.")]
    public static partial void SnapshotCoveredByOlderGeneration(ILogger logger, string path, long generation, string aside);

    [LoggerMessage(16, LogLevel.Warning, "Vector index snapshot '{Path}' does not check out and is superseded: renamed to '{Aside}' for inspection instead of being deleted.")]
    public static partial void SnapshotSetAside(ILogger logger, string path, string aside);

    [LoggerMessage(17, LogLevel.Information, "Vector index in '{Directory}' had damaged files: what survived ({Entries} entries) was written to a new snapshot in {ElapsedMs} ms.")]
    public static partial void RewrittenAfterDamage(ILogger logger, string directory, long entries, long elapsedMs);

    [LoggerMessage(18, LogLevel.Error, "Vector index in '{Directory}' had damaged files and could not write what survived to a new snapshot; it stays open, and the next open reads the damaged files again.")]
    public static partial void RewriteAfterDamageFailed(ILogger logger, string directory, Exception exception);
}
