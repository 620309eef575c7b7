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
/// torn by a crash, which the per-record checksum detects: the incomplete tail is cut off and the index
/// opens with everything before it.</para>
/// <para>Damage that is not a torn tail — bytes changed in the middle of a file, a cut snapshot, a bad
/// header — costs the damaged records only, and nothing that fails to load is deleted (the policy is
/// set out in the project README, "Damaged files"): replay skips a damaged region of a log and resumes
/// at the next record that checks out (<see cref="FrameScanner"/>), keeping the damaged bytes in a
/// <c>.corrupt-*</c> file next to the log; a damaged snapshot is read record by record, or replaced by an
/// older generation when that and the logs since still cover it, and is renamed aside (never deleted)
/// once what survived is in a new snapshot. Each case is logged with what it cost. Only a file of
/// another format version or dimension makes the open fail, and then nothing has been changed.</para>
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

    // Files renamed aside, not deleted, when the next snapshot replaces them: a damaged snapshot that was read record
    // by record ("corrupt"), and the snapshot and logs an open read before a log lost records ("suspect": they hold
    // the entries the index stopped serving, any of which a lost record may have deleted or replaced).
    private readonly List<(string Path, string Reason)> _asideOnReplace = [];

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
    /// graph file (or <c>null</c> when there is no snapshot or no graph file). <paramref name="recordsLost"/> is
    /// called, in order between the records applied before and after, wherever a log loses records (a damaged
    /// region, an undecodable or damaged last record, a log that is not readable at all): a lost record may
    /// have been a delete or a replacement, so what was applied before it can no longer be trusted.
    /// </summary>
    public void Open(Action<LogRecord> apply, Action<string?> afterSnapshot, Action recordsLost)
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

        // A file of another format version or dimension refuses the open before anything is changed.
        RefuseForeignFiles();
        foreach (var tmp in System.IO.Directory.EnumerateFiles(_directory, "*.tmp"))
        {
            File.Delete(tmp);
        }

        var report = new RecoveryReport();
        Recovery = report;
        var (snapshot, salvaged) = ChooseSnapshot(report);
        var snapshotGeneration = snapshot?.Generation ?? -1;
        if (snapshot is not null)
        {
            report.SnapshotEntries = ApplySnapshot(snapshot, apply, salvaged, report);
        }

        // A salvaged snapshot lacks rows its graph file numbers: the graphs are rebuilt.
        var graphPath = snapshot is not null && !salvaged ? PathOf(snapshotGeneration, "graph") : null;
        afterSnapshot(graphPath is not null && File.Exists(graphPath) ? graphPath : null);

        var logs = Generations("log").Where(g => g >= snapshotGeneration).Order().ToList();
        var lost = false;
        void RecordsLost()
        {
            lost = true;
            recordsLost();
        }

        foreach (var generation in logs)
        {
            var path = PathOf(generation, "log");
            var (records, dropped) = ReplayLog(path, apply, RecordsLost, report);
            report.LogRecords += records;
            if (dropped > 0)
            {
                report.DroppedBytes += dropped;
                report.DamagedFiles++;
            }
        }

        if (lost)
        {
            report.RewriteNeeded = true;
            if (snapshot is not null)
            {
                _asideOnReplace.Add((snapshot.Path, "suspect"));
            }

            _asideOnReplace.AddRange(logs.Select(g => (PathOf(g, "log"), "suspect")));
        }

        _generation = Math.Max(Math.Max(snapshotGeneration, 0), logs.Count > 0 ? logs[^1] : 0);
        _log = OpenLogForAppend(_generation);
        DeleteObsolete(snapshotGeneration, deleteOlderLogs: !salvaged);
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
        foreach (var (path, reason) in _asideOnReplace.Where(f => File.Exists(f.Path)))
        {
            var aside = SetAside(path, reason);
            if (reason == "suspect")
            {
                Log.SuspectFileSetAside(_logger, path, aside);
            }
            else
            {
                Log.SnapshotSetAside(_logger, path, aside);
            }
        }

        _asideOnReplace.Clear();
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

    /// <summary>What a first pass over a snapshot found, without applying anything.</summary>
    private sealed record SnapshotCheck(long Generation, string Path, HeaderState Header, ScanResult? Scan, long Length)
    {
        /// <summary>Every record checked out and the closing count matches: the snapshot holds exactly what was written.</summary>
        public bool Intact => Header == HeaderState.Intact && Scan is { End: ScanEnd.SnapshotEnd, Damaged: false } && Scan.SnapshotCount == Scan.IntactFrames;

        /// <summary>Bytes that did not check out: damaged regions, a damaged header, anything after the last intact record when the closing record is missing.</summary>
        public long DamagedBytes => (Header == HeaderState.Damaged ? HeaderBytes : 0)
            + (Scan?.Regions.Sum(r => r.Bytes) ?? 0)
            + (Scan is { End: ScanEnd.TornTail or ScanEnd.DamagedTail } ? Length - Scan.TailStart : 0);
    }

    private enum HeaderState
    {
        /// <summary>This index's header.</summary>
        Intact,

        /// <summary>The header is damaged, but intact records of this index follow it.</summary>
        Damaged,

        /// <summary>Neither the header nor the first records are this index's: not a file it can read.</summary>
        Foreign,
    }

    /// <summary>
    /// Picks the snapshot to open from: the newest intact one — unless a newer one is damaged and the logs
    /// from the intact one (or from the start) up to it are not all there, in which case the damaged one is
    /// read record by record (<c>salvaged</c>), because it holds entries nothing else does. Files that are not
    /// snapshots of this index, and a damaged snapshot that older files fully cover, are renamed aside.
    /// </summary>
    private (SnapshotCheck? Snapshot, bool Salvaged) ChooseSnapshot(RecoveryReport report)
    {
        SnapshotCheck? damaged = null;
        foreach (var generation in Generations("snap").OrderDescending().ToList())
        {
            var check = CheckSnapshot(generation);
            if (check.Header == HeaderState.Foreign)
            {
                Log.SnapshotUnusable(_logger, check.Path, SetAside(check.Path));
                report.DamagedFiles++;
                continue;
            }

            if (check.Intact)
            {
                if (damaged is null)
                {
                    return (check, false);
                }

                if (LogsCover(generation, damaged.Generation))
                {
                    Log.SnapshotCoveredByOlderGeneration(_logger, damaged.Path, generation, SetAside(damaged.Path));
                    report.DamagedFiles++;
                    return (check, false);
                }

                break;
            }

            if (damaged is not null)
            {
                break;
            }

            damaged = check;
        }

        if (damaged is null)
        {
            return (null, false);
        }

        if (LogsCover(0, damaged.Generation))
        {
            // Every log since the index was created is still there: they alone rebuild what the snapshot held.
            Log.SnapshotCoveredByOlderGeneration(_logger, damaged.Path, -1, SetAside(damaged.Path));
            report.DamagedFiles++;
            return (null, false);
        }

        return (damaged, true);
    }

    /// <summary>Whether the logs of generations <paramref name="from"/> .. <paramref name="to"/> - 1 all exist (and there is at least one).</summary>
    private bool LogsCover(long from, long to)
    {
        if (from >= to)
        {
            return false;
        }

        for (var generation = from; generation < to; generation++)
        {
            if (!File.Exists(PathOf(generation, "log")))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Checks a snapshot's header and every record's checksum and shape, and its closing count, without decoding or applying.</summary>
    /// <exception cref="InvalidOperationException">The snapshot is of another format version or dimension.</exception>
    private SnapshotCheck CheckSnapshot(long generation)
    {
        var path = PathOf(generation, "snap");
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = RandomAccess.GetLength(file);
        var scanner = new FrameScanner(file, length, _dimensions, snapshot: true);
        var header = CheckHeader(file, length, scanner, SnapshotKind, path);
        return new SnapshotCheck(generation, path, header, header == HeaderState.Foreign ? null : scanner.Scan(HeaderBytes, null), length);
    }

    /// <summary>
    /// Applies a snapshot's records. Checked first (<see cref="CheckSnapshot"/>), so that nothing is applied from
    /// a snapshot that turns out incomplete unless it is to be salvaged, and a million records are never held at
    /// once. A salvaged snapshot's intact records are applied, the loss reported, and the file marked to be
    /// renamed aside when the rewrite that follows the open replaces it.
    /// </summary>
    private long ApplySnapshot(SnapshotCheck check, Action<LogRecord> apply, bool salvaged, RecoveryReport report)
    {
        long applied = 0;
        long undecodable = 0;
        ScanResult scan;
        using (var file = File.OpenHandle(check.Path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            var length = RandomAccess.GetLength(file);
            if (length != check.Length)
            {
                throw new IOException($"The vector index snapshot '{check.Path}' changed while it was read.");
            }

            scan = new FrameScanner(file, length, _dimensions, snapshot: true).Scan(HeaderBytes, (buffer, offset, bodyLength) =>
            {
                LogRecord record;
                try
                {
                    record = RecordCodec.DecodeBody(buffer, offset, bodyLength, _dimensions);
                }
                catch (FormatException)
                {
                    undecodable++;
                    return;
                }

                apply(record);
                applied++;
            });
        }

        if (!salvaged)
        {
            return applied;
        }

        var expected = scan.SnapshotCount;
        report.LostSnapshotEntries = expected >= 0 ? Math.Max(0, expected - applied) : -1;
        report.SkippedRecords += scan.Regions.Sum(r => (long)r.Records) + undecodable;
        report.SkippedBytes += check.DamagedBytes;
        report.DamagedFiles++;
        report.RewriteNeeded = true;
        _asideOnReplace.Add((check.Path, "corrupt"));
        if (check.Header == HeaderState.Damaged)
        {
            Log.HeaderDamaged(_logger, check.Path, "the whole file is kept");
        }

        if (expected >= 0)
        {
            Log.SnapshotSalvaged(_logger, check.Path, applied, expected, report.LostSnapshotEntries, check.DamagedBytes);
        }
        else
        {
            Log.SnapshotSalvagedCountUnknown(_logger, check.Path, applied, check.DamagedBytes);
        }

        return applied;
    }

    private (long Records, long DroppedBytes) ReplayLog(string path, Action<LogRecord> apply, Action recordsLost, RecoveryReport report)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        if (file.Length < HeaderBytes)
        {
            // Created, then killed before its header was synced: nothing was ever acknowledged from it.
            var length = file.Length;
            file.SetLength(0);
            WriteHeader(file, LogKind);
            file.Flush(flushToDisk: true);
            return (0, length);
        }

        var scanner = new FrameScanner(file.SafeFileHandle, file.Length, _dimensions, snapshot: false);
        var header = CheckHeader(file.SafeFileHandle, file.Length, scanner, LogKind, path);
        if (header == HeaderState.Foreign)
        {
            // Not a log we can read: keep it for inspection under another name and start this generation afresh.
            var length = file.Length;
            file.Dispose();
            SetAside(path);
            recordsLost();
            return (0, length);
        }

        if (header == HeaderState.Damaged)
        {
            Log.HeaderDamaged(_logger, path, "its bytes are kept in '" + KeepAside(scanner, path, 0, HeaderBytes) + "'");
            report.SkippedBytes += HeaderBytes;
            report.DamagedFiles++;
            report.RewriteNeeded = true;
        }

        long count = 0;
        long undecodable = 0;
        var scan = scanner.Scan(HeaderBytes, (buffer, offset, length) =>
        {
            LogRecord record;
            try
            {
                record = RecordCodec.DecodeBody(buffer, offset, length, _dimensions);
            }
            catch (FormatException)
            {
                undecodable++;
                recordsLost();
                return;
            }

            apply(record);
            count++;
        }, _ => recordsLost());

        foreach (var region in scan.Regions)
        {
            // The log is left as it is: the rewrite after the open replaces it, and until then every open skips the same bytes.
            Log.DamagedRecordsSkipped(_logger, path, region.Bytes, region.Start, region.Records, KeepAside(scanner, path, region.Start, region.End));
            report.SkippedRecords += region.Records;
            report.SkippedBytes += region.Bytes;
            report.RewriteNeeded = true;
        }

        report.SkippedRecords += undecodable;
        if (scan.Regions.Count > 0 || undecodable > 0)
        {
            report.DamagedFiles++;
        }

        var good = scan.TailStart;
        var dropped = file.Length - good;
        if (scan.End == ScanEnd.DamagedTail)
        {
            // Complete records that fail their checksum are damage, not a torn write: kept aside, then cut so that appends follow the good records.
            Log.DamagedTailKeptAside(_logger, path, dropped, good, scan.TailRecords, KeepAside(scanner, path, good, file.Length));
            recordsLost();
            report.SkippedRecords += scan.TailRecords;
            report.SkippedBytes += dropped;
            report.DamagedFiles++;
            file.SetLength(good);
            file.Flush(flushToDisk: true);
            return (count, 0);
        }

        if (dropped > 0)
        {
            Log.TornTailDropped(_logger, path, dropped, good);
            file.SetLength(good);
            file.Flush(flushToDisk: true);
        }

        return (count, dropped);
    }

    /// <summary>
    /// Reads a log's or snapshot's header. A header that does not match is damage when intact records of this index
    /// follow it (then the records count, not the header); otherwise the file is of another format version or
    /// dimension — a clear error, nothing changed — or not this index's at all.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file is a vector index file of another format version or dimension.</exception>
    private HeaderState CheckHeader(Microsoft.Win32.SafeHandles.SafeFileHandle file, long length, FrameScanner scanner, byte kind, string path, bool quiet = false)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        var got = RandomAccess.Read(file, header, 0);
        var ours = got == HeaderBytes && BinaryPrimitives.ReadUInt32LittleEndian(header) == Magic && header[6] == kind;
        var version = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        var dimensions = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        if (ours && version == FormatVersion && dimensions == _dimensions)
        {
            return HeaderState.Intact;
        }

        if (length > HeaderBytes && scanner.StartsWithOwnRecords(HeaderBytes))
        {
            return HeaderState.Damaged;
        }

        if (ours && version != FormatVersion)
        {
            throw new InvalidOperationException($"'{path}' has vector index format version {version}; this library reads version {FormatVersion}.");
        }

        if (ours)
        {
            throw new InvalidOperationException($"'{path}' holds {dimensions}-dimensional vectors but the index was configured with Dimensions = {_dimensions}. Use another directory or the original dimension.");
        }

        if (!quiet)
        {
            Log.BadHeader(_logger, path);
        }

        return HeaderState.Foreign;
    }

    /// <summary>Reads every log's and snapshot's header (<see cref="CheckHeader"/>), so that one of another format version or dimension throws before the open changes any file.</summary>
    private void RefuseForeignFiles()
    {
        foreach (var (extension, kind) in new[] { ("snap", SnapshotKind), ("log", LogKind) })
        {
            foreach (var generation in Generations(extension))
            {
                var path = PathOf(generation, extension);
                using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
                var length = RandomAccess.GetLength(file);
                _ = CheckHeader(file, length, new FrameScanner(file, length, _dimensions, extension == "snap"), kind, path, quiet: true);
            }
        }
    }

    /// <summary>Renames a file that failed to load out of the way, to <c>{path}.corrupt-{ticks}</c>; returns the new name.</summary>
    private string SetAside(string path, string reason = "corrupt")
    {
        var aside = path + "." + reason + "-" + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
        File.Move(path, aside);
        SyncDirectory();
        return aside;
    }

    /// <summary>Copies a damaged stretch of a file to <c>{path}.corrupt-{ticks}-at-{offset}</c> (synced); returns its name.</summary>
    private string KeepAside(FrameScanner scanner, string path, long start, long end)
    {
        var aside = string.Create(CultureInfo.InvariantCulture, $"{path}.corrupt-{DateTime.UtcNow.Ticks}-at-{start}");
        using (var copy = new FileStream(aside, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            scanner.CopyTo(start, end, copy);
            copy.Flush(flushToDisk: true);
        }

        SyncDirectory();
        return aside;
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

    /// <summary>
    /// Removes what the snapshot opened from supersedes: older snapshots that still check out (one that does not is
    /// renamed aside — nothing is deleted because it failed to load), graph files of other generations (derived
    /// data) and, when the snapshot was intact, older logs.
    /// </summary>
    private void DeleteObsolete(long snapshotGeneration, bool deleteOlderLogs)
    {
        foreach (var generation in Generations("snap").Where(g => g != snapshotGeneration).ToList())
        {
            var path = PathOf(generation, "snap");
            bool intact;
            try
            {
                intact = generation < snapshotGeneration && CheckSnapshot(generation).Intact;
            }
            catch (InvalidOperationException)
            {
                intact = false;
            }

            if (intact)
            {
                File.Delete(path);
            }
            else
            {
                Log.SnapshotSetAside(_logger, path, SetAside(path));
            }
        }

        foreach (var generation in Generations("graph").Where(g => g != snapshotGeneration).ToList())
        {
            File.Delete(PathOf(generation, "graph"));
        }

        if (deleteOlderLogs)
        {
            foreach (var generation in Generations("log").Where(g => g < snapshotGeneration).ToList())
            {
                File.Delete(PathOf(generation, "log"));
            }
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
