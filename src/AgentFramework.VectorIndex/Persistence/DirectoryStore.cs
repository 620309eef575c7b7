using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using AgentFramework.VectorIndex.Storage;
using Microsoft.Extensions.Logging;

namespace AgentFramework.VectorIndex.Persistence;

/// <summary>
/// The files of a persistent index: <c>index.{generation}.snap</c> (all live entries at the start of a
/// generation), <c>index.{generation}.graph</c> (the HNSW graphs of the snapshot's large scopes, so an
/// open need not rebuild them) and <c>index.{generation}.log</c> (every change since), plus a lock file.
/// </summary>
/// <remarks>
/// <para>Open = newest complete snapshot + replay of its log and any later ones. A snapshot is written
/// to a temporary file, synced and renamed, so it is either complete or absent; a log's tail may be
/// torn by a crash, which the per-record checksum detects: the tail is cut off and the index opens
/// with everything before it.</para>
/// <para>Not thread-safe: the index calls it under its writer lock.</para>
/// </remarks>
internal sealed partial class DirectoryStore : IDisposable
{
    private const int HeaderBytes = 16;
    private const uint Magic = 0x49564641; // "AFVI"
    private const ushort FormatVersion = 1;
    private const byte LogKind = 1;
    private const byte SnapshotKind = 2;
    private const byte GraphKind = 3;
    private const ushort GraphFormatVersion = 1;
    private const uint GraphEndMarker = 0x454E4447; // "GDNE"

    private readonly string _directory;
    private readonly int _dimensions;
    private readonly bool _durable;
    private readonly ILogger _logger;
    private readonly MemoryStream _pending = new();
    private readonly MemoryStream _body = new();
    private readonly BinaryWriter _bodyWriter;
    private FileStream? _lock;
    private FileStream? _log;
    private long _generation;
    private bool _faulted;

    public DirectoryStore(string directory, int dimensions, bool durable, ILogger logger)
    {
        _directory = Path.GetFullPath(directory);
        _dimensions = dimensions;
        _durable = durable;
        _logger = logger;
        _bodyWriter = new BinaryWriter(_body, RecordCodec.Utf8, leaveOpen: true);
    }

    /// <summary>Bytes in the current log, for the compaction trigger.</summary>
    public long LogBytes => _log?.Length ?? 0;

    /// <summary>What the last <see cref="Open"/> found.</summary>
    public RecoveryReport Recovery { get; private set; } = new();

    /// <summary>
    /// Loads the directory, feeding every surviving record to <paramref name="apply"/>, and opens the log for appending.
    /// After the snapshot's records and before the logs', <paramref name="afterSnapshot"/> gets the snapshot's
    /// graph file (or <c>null</c> when there is no snapshot or no graph file).
    /// </summary>
    public void Open(Action<LogRecord> apply, Action<string?> afterSnapshot)
    {
        System.IO.Directory.CreateDirectory(_directory);
        try
        {
            _lock = new FileStream(Path.Combine(_directory, "index.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException($"The vector index directory '{_directory}' is already open in another index instance or process.", ex);
        }

        foreach (var tmp in System.IO.Directory.EnumerateFiles(_directory, "*.tmp"))
        {
            File.Delete(tmp);
        }

        var report = new RecoveryReport();
        Recovery = report;
        var snapshots = Generations("snap").OrderDescending().ToList();
        long snapshotGeneration = -1;
        foreach (var generation in snapshots)
        {
            if (TryReadSnapshot(PathOf(generation, "snap"), apply, out var entries))
            {
                snapshotGeneration = generation;
                report.SnapshotEntries = entries;
                break;
            }

            Log.SnapshotUnusable(_logger, PathOf(generation, "snap"));
            report.DamagedFiles++;
        }

        var graphPath = snapshotGeneration >= 0 ? PathOf(snapshotGeneration, "graph") : null;
        afterSnapshot(graphPath is not null && File.Exists(graphPath) ? graphPath : null);

        var logs = Generations("log").Where(g => g >= snapshotGeneration).Order().ToList();
        foreach (var generation in logs)
        {
            var path = PathOf(generation, "log");
            var (records, dropped) = ReplayLog(path, apply);
            report.LogRecords += records;
            if (dropped > 0)
            {
                report.DroppedBytes += dropped;
                report.DamagedFiles++;
            }
        }

        _generation = Math.Max(Math.Max(snapshotGeneration, 0), logs.Count > 0 ? logs[^1] : 0);
        _log = OpenLogForAppend(_generation);
        DeleteObsolete(snapshotGeneration);
    }

    /// <summary>Stages one record; nothing reaches the file until <see cref="Commit"/>.</summary>
    public void Append(Action<BinaryWriter> writeBody)
    {
        _body.SetLength(0);
        writeBody(_bodyWriter);
        _bodyWriter.Flush();
        RecordCodec.Frame(_body.GetBuffer().AsSpan(0, (int)_body.Length), _pending);
    }

    /// <summary>
    /// Writes the staged records and, in durable mode, syncs them to stable storage; when this
    /// returns the records survive a crash (a power cut too, if durable). On failure the file is cut
    /// back so that later records are not stranded behind a torn one.
    /// </summary>
    public void Commit()
    {
        if (_pending.Length == 0)
        {
            return;
        }

        if (_faulted)
        {
            _pending.SetLength(0);
            throw new IOException($"The vector index log in '{_directory}' failed earlier and is read-only until the index is reopened.");
        }

        var log = _log!;
        var start = log.Length;
        try
        {
            log.Write(_pending.GetBuffer().AsSpan(0, (int)_pending.Length));
            log.Flush(flushToDisk: _durable);
        }
        catch (IOException)
        {
            try
            {
                log.SetLength(start);
                log.Position = start;
            }
            catch (IOException)
            {
                _faulted = true;
            }

            throw;
        }
        finally
        {
            _pending.SetLength(0);
        }
    }

    /// <summary>Drops staged records (their operation failed before committing).</summary>
    public void Discard() => _pending.SetLength(0);

    /// <summary>Forces everything written so far to stable storage (fast mode's periodic sync).</summary>
    public void Sync() => _log?.Flush(flushToDisk: true);

    /// <summary>
    /// Writes a snapshot of the live rows of <paramref name="partitions"/> (partition by partition, in slot
    /// order) and their graphs as the next generation, starts its empty log and removes the previous
    /// generation's files.
    /// </summary>
    public void WriteSnapshot(IEnumerable<ScopePartition> partitions)
    {
        var next = _generation + 1;
        var final = PathOf(next, "snap");
        var tmp = final + ".tmp";
        var graphs = new List<(ScopePartition Partition, Segment Segment, int[] Remap, int Nodes)>();
        using (var file = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            WriteHeader(file, SnapshotKind);
            long count = 0;
            var vector = new float[_dimensions];
            foreach (var partition in partitions)
            {
                var segment = partition.Segment;
                var rows = segment.Count;
                var remap = segment.Graph is not null ? new int[rows] : null;
                var kept = 0;
                for (var slot = 0; slot < rows; slot++)
                {
                    if (segment.Expiry[slot] == 0)
                    {
                        if (remap is not null)
                        {
                            remap[slot] = -1;
                        }

                        continue;
                    }

                    if (remap is not null)
                    {
                        remap[slot] = kept;
                    }

                    kept++;
                    var record = segment.Records[slot];
                    segment.CopyRow(slot, vector);
                    _body.SetLength(0);
                    RecordCodec.WriteUpsert(_bodyWriter, record.Id, record.Scope, record.Payload, record.Tags, record.ExpiresTicks, vector);
                    _bodyWriter.Flush();
                    RecordCodec.Frame(_body.GetBuffer().AsSpan(0, (int)_body.Length), file);
                    count++;
                }

                if (remap is not null && kept > 0 && segment.Graph!.Count == rows)
                {
                    graphs.Add((partition, segment, remap, kept));
                }
            }

            _body.SetLength(0);
            RecordCodec.WriteSnapshotEnd(_bodyWriter, count);
            _bodyWriter.Flush();
            RecordCodec.Frame(_body.GetBuffer().AsSpan(0, (int)_body.Length), file);
            file.Flush(flushToDisk: true);
        }

        // The graph goes in place before the snapshot: a snapshot never appears without its graph, and a
        // graph left without its snapshot by a crash is deleted on open. It is not synced: a graph torn by a
        // power cut fails its checksum and is rebuilt.
        if (graphs.Count > 0 && BitConverter.IsLittleEndian)
        {
            WriteGraphs(PathOf(next, "graph"), graphs);
        }

        File.Move(tmp, final);
        SyncDirectory();

        var nextLog = OpenLogForAppend(next);
        var oldGeneration = _generation;
        _log!.Dispose();
        _log = nextLog;
        _generation = next;
        File.Delete(PathOf(oldGeneration, "log"));
        File.Delete(PathOf(oldGeneration, "snap"));
        File.Delete(PathOf(oldGeneration, "graph"));
    }

    /// <summary>
    /// Reads the graphs of a graph file, asking <paramref name="capacityOf"/> how many nodes each scope's
    /// graph needs room for (null: the scope is gone, its graph is skipped). Returns <c>null</c> — the caller
    /// rebuilds — when the file is damaged, of another version, or not for this index; never throws for
    /// bad content.
    /// </summary>
    public Dictionary<string, HnswGraph>? ReadGraphs(string path, int connectivity, int efConstruction, Func<string, int?> capacityOf)
    {
        if (!BitConverter.IsLittleEndian)
        {
            return null;
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            Span<byte> header = stackalloc byte[HeaderBytes];
            if (file.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) < HeaderBytes
                || BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic
                || BinaryPrimitives.ReadUInt16LittleEndian(header[4..]) != GraphFormatVersion
                || header[6] != GraphKind
                || BinaryPrimitives.ReadInt32LittleEndian(header[8..]) != _dimensions)
            {
                Log.GraphUnusable(_logger, path);
                return null;
            }

            var checksummed = new ChecksumStream(file);
            using var reader = new BinaryReader(checksummed, RecordCodec.Utf8, leaveOpen: true);
            var count = reader.ReadInt32();
            var graphs = new Dictionary<string, HnswGraph>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                var nodes = reader.ReadInt32();
                var graph = HnswGraph.Read(reader, connectivity, efConstruction, Math.Max(capacityOf(key) ?? nodes, nodes));
                if (graph is null)
                {
                    Log.GraphUnusable(_logger, path);
                    return null;
                }

                graphs[key] = graph;
            }

            var computed = checksummed.Checksum;
            var stored = reader.ReadUInt32();
            if (stored != computed || reader.ReadUInt32() != GraphEndMarker)
            {
                Log.GraphUnusable(_logger, path);
                return null;
            }

            return graphs;
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or FormatException or OutOfMemoryException or ArgumentException or OverflowException)
        {
            Log.GraphUnusable(_logger, path);
            return null;
        }
    }

    private void WriteGraphs(string path, List<(ScopePartition Partition, Segment Segment, int[] Remap, int Nodes)> graphs)
    {
        var tmp = path + ".tmp";
        using (var file = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            Span<byte> header = stackalloc byte[HeaderBytes];
            header.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
            BinaryPrimitives.WriteUInt16LittleEndian(header[4..], GraphFormatVersion);
            header[6] = GraphKind;
            BinaryPrimitives.WriteInt32LittleEndian(header[8..], _dimensions);
            file.Write(header);
            var checksummed = new ChecksumStream(file);
            using (var writer = new BinaryWriter(checksummed, RecordCodec.Utf8, leaveOpen: true))
            {
                writer.Write(graphs.Count);
                foreach (var (partition, segment, remap, nodes) in graphs)
                {
                    writer.Write(partition.Scope.Key);
                    writer.Write(nodes);
                    segment.Graph!.Write(writer, remap, nodes);
                }

                writer.Flush();
            }

            Span<byte> trailer = stackalloc byte[8];
            BinaryPrimitives.WriteUInt32LittleEndian(trailer, checksummed.Checksum);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], GraphEndMarker);
            file.Write(trailer);
        }

        File.Move(tmp, path, overwrite: true);
    }

    public void Dispose()
    {
        if (_log is not null)
        {
            try
            {
                _log.Flush(flushToDisk: true);
            }
            catch (IOException ex)
            {
                Log.SyncFailed(_logger, _directory, ex);
            }

            _log.Dispose();
            _log = null;
        }

        _lock?.Dispose();
        _lock = null;
        _bodyWriter.Dispose();
    }

    private string PathOf(long generation, string extension) =>
        Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"index.{generation:D10}.{extension}"));

    private IEnumerable<long> Generations(string extension)
    {
        foreach (var path in System.IO.Directory.EnumerateFiles(_directory, "index.*." + extension))
        {
            var middle = Path.GetFileNameWithoutExtension(path)["index.".Length..];
            if (long.TryParse(middle, NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
            {
                yield return generation;
            }
        }
    }

    /// <summary>
    /// Applies a snapshot's records if the snapshot is complete. Two passes, so that nothing is applied from
    /// an incomplete snapshot and a million records are never held at once: the first checks every frame's
    /// checksum and the closing count without decoding, the second decodes and applies record by record.
    /// </summary>
    private bool TryReadSnapshot(string path, Action<LogRecord> apply, out long entries)
    {
        entries = 0;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        if (!CheckHeader(file, SnapshotKind, path))
        {
            return false;
        }

        var start = file.Position;
        var scratch = new byte[1 << 14];
        long frames = 0;
        var complete = false;
        while (RecordCodec.TryReadFrame(file, scratch, out var length, out _, out scratch))
        {
            if (scratch[0] == (byte)RecordKind.SnapshotEnd)
            {
                try
                {
                    complete = RecordCodec.DecodeBody(scratch, length, _dimensions).Count == frames;
                }
                catch (FormatException)
                {
                    complete = false;
                }

                break;
            }

            frames++;
        }

        if (!complete)
        {
            return false;
        }

        file.Position = start;
        for (var i = 0; i < frames; i++)
        {
            if (!RecordCodec.TryReadFrame(file, scratch, out var length, out _, out scratch))
            {
                throw new IOException($"The vector index snapshot '{path}' changed while it was read.");
            }

            apply(RecordCodec.DecodeBody(scratch, length, _dimensions));
        }

        entries = frames;
        return true;
    }

    private (long Records, long DroppedBytes) ReplayLog(string path, Action<LogRecord> apply)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        if (file.Length < HeaderBytes)
        {
            // Created, then killed before its header was synced: nothing was ever acknowledged from it.
            var length = file.Length;
            file.SetLength(0);
            WriteHeader(file, LogKind);
            file.Flush(flushToDisk: true);
            return (0, length);
        }

        if (!CheckHeader(file, LogKind, path))
        {
            // Not a log we can read: keep it for inspection under another name and start this generation afresh.
            var length = file.Length;
            file.Dispose();
            File.Move(path, path + ".corrupt-" + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture));
            return (0, length);
        }

        var scratch = new byte[1 << 14];
        long count = 0;
        var good = file.Position;
        bool damaged;
        while (RecordCodec.TryRead(file, _dimensions, scratch, out var record, out damaged, out scratch))
        {
            apply(record!);
            count++;
            good = file.Position;
        }

        var dropped = file.Length - good;
        if (dropped > 0)
        {
            Log.TornTailDropped(_logger, path, dropped, good);
            file.SetLength(good);
            file.Flush(flushToDisk: true);
        }

        return (count, dropped);
    }

    private bool CheckHeader(FileStream file, byte kind, string path)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        if (file.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) < HeaderBytes
            || BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic
            || header[6] != kind)
        {
            Log.BadHeader(_logger, path);
            return false;
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        var dimensions = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        if (version != FormatVersion)
        {
            throw new InvalidOperationException($"'{path}' has vector index format version {version}; this library reads version {FormatVersion}.");
        }

        if (dimensions != _dimensions)
        {
            throw new InvalidOperationException($"'{path}' holds {dimensions}-dimensional vectors but the index was configured with Dimensions = {_dimensions}. Use another directory or the original dimension.");
        }

        return true;
    }

    private void WriteHeader(Stream file, byte kind)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        header.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], FormatVersion);
        header[6] = kind;
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], _dimensions);
        file.Write(header);
    }

    private FileStream OpenLogForAppend(long generation)
    {
        var path = PathOf(generation, "log");
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        if (file.Length < HeaderBytes)
        {
            file.SetLength(0);
            WriteHeader(file, LogKind);
            file.Flush(flushToDisk: true);
            SyncDirectory();
        }

        file.Seek(0, SeekOrigin.End);
        return file;
    }

    private void DeleteObsolete(long snapshotGeneration)
    {
        foreach (var generation in Generations("snap").Where(g => g != snapshotGeneration).ToList())
        {
            File.Delete(PathOf(generation, "snap"));
        }

        foreach (var generation in Generations("graph").Where(g => g != snapshotGeneration).ToList())
        {
            File.Delete(PathOf(generation, "graph"));
        }

        foreach (var generation in Generations("log").Where(g => g < snapshotGeneration).ToList())
        {
            File.Delete(PathOf(generation, "log"));
        }
    }

    /// <summary>Makes renames and new files durable: POSIX only promises that after the directory itself is synced.</summary>
    private void SyncDirectory()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var fd = NativeMethods.open(_directory, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            return;
        }

        _ = NativeMethods.fsync(fd);
        _ = NativeMethods.close(fd);
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
        public static partial int open(string path, int flags);

        [LibraryImport("libc", EntryPoint = "fsync")]
        public static partial int fsync(int fd);

        [LibraryImport("libc", EntryPoint = "close")]
        public static partial int close(int fd);
    }
}

/// <summary>What opening a persistent index found.</summary>
internal sealed class RecoveryReport
{
    public long SnapshotEntries { get; set; }

    public long LogRecords { get; set; }

    public long DroppedBytes { get; set; }

    public int DamagedFiles { get; set; }

    /// <summary>Scopes whose graph was read from the snapshot's graph file.</summary>
    public int GraphsLoaded { get; set; }

    /// <summary>Scopes above the ANN threshold whose graph had to be built on open (no usable graph file).</summary>
    public int GraphsRebuilt { get; set; }
}
