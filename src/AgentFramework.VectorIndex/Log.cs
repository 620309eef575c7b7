using Microsoft.Extensions.Logging;

namespace AgentFramework.VectorIndex;

/// <summary>The index's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Debug, "Evicted vector entry '{Id}' to stay within capacity ({Policy}).", EventName = "Evicted")]
    public static partial void Evicted(ILogger logger, string id, VectorEvictionPolicy policy);

    [LoggerMessage(3002, LogLevel.Information, "Opened vector index in '{Directory}': {Entries} live entries from {SnapshotEntries} snapshot entries and {LogRecords} log records in {ElapsedMs} ms.", EventName = "Opened")]
    public static partial void Opened(ILogger logger, string directory, long entries, long snapshotEntries, long logRecords, long elapsedMs);

    [LoggerMessage(3003, LogLevel.Warning, "Vector index log '{Path}' ended in a torn or corrupt record: dropped its last {DroppedBytes} bytes, keeping the first {KeptBytes}. Writes that were never acknowledged can be lost this way; acknowledged durable writes cannot.", EventName = "TornTailDropped")]
    public static partial void TornTailDropped(ILogger logger, string path, long droppedBytes, long keptBytes);

    [LoggerMessage(3004, LogLevel.Warning, "Vector index file '{Path}' is not a snapshot of this index (no valid header and no intact records) and was renamed to '{Aside}'.", EventName = "SnapshotUnusable")]
    public static partial void SnapshotUnusable(ILogger logger, string path, string aside);

    [LoggerMessage(3005, LogLevel.Warning, "Vector index file '{Path}' does not start with a valid header and was ignored.", EventName = "BadHeader")]
    public static partial void BadHeader(ILogger logger, string path);

    [LoggerMessage(3006, LogLevel.Warning, "Could not sync the vector index log in '{Directory}' on close.", EventName = "SyncFailed")]
    public static partial void SyncFailed(ILogger logger, string directory, Exception exception);

    [LoggerMessage(3007, LogLevel.Information, "Compacted vector index in '{Directory}': snapshot of {Entries} entries written in {ElapsedMs} ms.", EventName = "Compacted")]
    public static partial void Compacted(ILogger logger, string directory, long entries, long elapsedMs);

    [LoggerMessage(3008, LogLevel.Warning, "Background sync of the vector index log in '{Directory}' failed.", EventName = "BackgroundSyncFailed")]
    public static partial void BackgroundSyncFailed(ILogger logger, string directory, Exception exception);

    [LoggerMessage(3009, LogLevel.Warning, "Vector index graph file '{Path}' is damaged, incomplete or of another version; the graphs are rebuilt from the entries.", EventName = "GraphUnusable")]
    public static partial void GraphUnusable(ILogger logger, string path);

    [LoggerMessage(3010, LogLevel.Error, "Vector index log '{Path}' has {DamagedBytes} damaged bytes at offset {Offset}: skipped {Records} record(s) there (counted by their length fields) and resumed at the next intact record. Those acknowledged writes are lost; the damaged bytes are kept in '{Aside}'.", EventName = "DamagedRecordsSkipped")]
    public static partial void DamagedRecordsSkipped(ILogger logger, string path, long damagedBytes, long offset, int records, string aside);

    [LoggerMessage(3011, LogLevel.Error, "Vector index log '{Path}' ends in {DamagedBytes} bytes of complete but damaged records ({Records} by their length fields) after its first {KeptBytes} bytes: they are lost, kept in '{Aside}' and cut from the log.", EventName = "DamagedTailKeptAside")]
    public static partial void DamagedTailKeptAside(ILogger logger, string path, long damagedBytes, long keptBytes, int records, string aside);

    [LoggerMessage(3012, LogLevel.Error, "Vector index snapshot '{Path}' is damaged: {Recovered} of its {Expected} entries were read intact, {Lost} are lost ({DamagedBytes} damaged bytes skipped). The index opens with what survived and writes it to a new snapshot; the damaged file is then renamed aside, not deleted.", EventName = "SnapshotSalvaged")]
    public static partial void SnapshotSalvaged(ILogger logger, string path, long recovered, long expected, long lost, long damagedBytes);

    [LoggerMessage(3013, LogLevel.Error, "Vector index snapshot '{Path}' is damaged and its closing count is lost: {Recovered} entries were read intact, an unknown number after the damage are lost ({DamagedBytes} damaged bytes skipped). The index opens with what survived and writes it to a new snapshot; the damaged file is then renamed aside, not deleted.", EventName = "SnapshotSalvagedCountUnknown")]
    public static partial void SnapshotSalvagedCountUnknown(ILogger logger, string path, long recovered, long damagedBytes);

    [LoggerMessage(3014, LogLevel.Warning, "Vector index file '{Path}' has a damaged header, but intact records of this index follow it: the header was ignored and the records read ({Kept}).", EventName = "HeaderDamaged")]
    public static partial void HeaderDamaged(ILogger logger, string path, string kept);

    [LoggerMessage(3015, LogLevel.Warning, "Vector index snapshot '{Path}' is damaged, but the files of generation {Generation} (-1: the logs since the index was created) and the logs since cover everything it held, so nothing is lost. It was renamed to '{Aside}'.", EventName = "SnapshotCoveredByOlderGeneration")]
    public static partial void SnapshotCoveredByOlderGeneration(ILogger logger, string path, long generation, string aside);

    [LoggerMessage(3016, LogLevel.Warning, "Vector index snapshot '{Path}' does not check out and is superseded: renamed to '{Aside}' for inspection instead of being deleted.", EventName = "SnapshotSetAside")]
    public static partial void SnapshotSetAside(ILogger logger, string path, string aside);

    [LoggerMessage(3017, LogLevel.Information, "Vector index in '{Directory}' had damaged files: what survived ({Entries} entries) was written to a new snapshot in {ElapsedMs} ms.", EventName = "RewrittenAfterDamage")]
    public static partial void RewrittenAfterDamage(ILogger logger, string directory, long entries, long elapsedMs);

    [LoggerMessage(3018, LogLevel.Error, "Vector index in '{Directory}' had damaged files and could not write what survived to a new snapshot; it stays open, and the next open reads the damaged files again.", EventName = "RewriteAfterDamageFailed")]
    public static partial void RewriteAfterDamageFailed(ILogger logger, string directory, Exception exception);

    [LoggerMessage(3019, LogLevel.Error, "Vector index in '{Directory}' lost log records to damage; a lost record may have deleted or replaced an entry, so the {Entries} entries written before it are no longer served (they would risk a stale answer). They stay on disk in the files renamed to '*.suspect-*'.", EventName = "EntriesBeforeDamageDropped")]
    public static partial void EntriesBeforeDamageDropped(ILogger logger, string directory, long entries);

    [LoggerMessage(3020, LogLevel.Warning, "Vector index file '{Path}' holds entries written before lost log records: renamed to '{Aside}' instead of being deleted.", EventName = "SuspectFileSetAside")]
    public static partial void SuspectFileSetAside(ILogger logger, string path, string aside);
}
