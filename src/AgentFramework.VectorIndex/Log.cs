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

    [LoggerMessage(4, LogLevel.Warning, "Vector index snapshot '{Path}' is incomplete or corrupt and was skipped.")]
    public static partial void SnapshotUnusable(ILogger logger, string path);

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
}
