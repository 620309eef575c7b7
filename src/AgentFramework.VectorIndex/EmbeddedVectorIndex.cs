using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using AgentFramework.VectorIndex.Persistence;
using AgentFramework.VectorIndex.Storage;
using AgentFramework.VectorSearch;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFramework.VectorIndex;

/// <summary>
/// The in-process <see cref="IVectorIndex"/>: scopes are separate partitions of 64-byte-aligned
/// rows searched by an exact SIMD scan, optionally persisted to a directory.
/// </summary>
/// <remarks>
/// <para>Concurrency: writes are serialized by one writer lock (they also serialize on the log);
/// searches and counts take no lock at all — they read published, append-only rows (see the
/// storage notes), so readers never wait for writers or each other.</para>
/// <para>Ids are unique across the index; an upsert with a known id replaces that entry wherever
/// it lives.</para>
/// </remarks>
public sealed partial class EmbeddedVectorIndex : IVectorIndex, IDisposable, IAsyncDisposable
{
    private readonly EmbeddedVectorIndexOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _writeLock = new();
    private readonly ConcurrentDictionary<string, ScopePartition> _partitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EntryRecord> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<EntryRecord>> _byTag = new(StringComparer.Ordinal);
    private readonly List<EntryRecord> _live = [];
    private readonly Random _evictionSampler = new(0x5eed);

    // Partitions whose graph links wait for the end of the current batch or log replay (writer-owned).
    private readonly List<ScopePartition> _deferredPartitions = [];
    private bool _deferGraphInserts;
    private long _writeSequence;
    private long _lastSweepTicks;
    private volatile bool _disposed;
    private bool _loadingSnapshot;
    private readonly DirectoryStore? _store;
    private readonly ITimer? _syncTimer;

    /// <summary>Creates the index; with <see cref="EmbeddedVectorIndexOptions.Directory"/> set, opens (or creates) its files.</summary>
    /// <param name="options">Settings; validated here.</param>
    /// <param name="timeProvider">The clock expiry is judged by; <see cref="TimeProvider.System"/> when <c>null</c>.</param>
    /// <param name="logger">Receives recovery and eviction notes, and an error for every record lost to damaged files.</param>
    /// <remarks>
    /// Opening a directory recovers from a crash by cutting off a torn last record. Damaged files do not make it
    /// fail: it opens with every record that checks out, skips and keeps aside (<c>*.corrupt-*</c> files, never
    /// deleted) what does not, logs what was lost, and writes what survived to a new snapshot — see
    /// "Crashes and damaged files" in the package README.
    /// </remarks>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="InvalidOperationException">
    /// The directory is open in another index or process, or holds files of another format version or vector
    /// dimension; the files are left as they were.
    /// </exception>
    public EmbeddedVectorIndex(EmbeddedVectorIndexOptions options, TimeProvider? timeProvider = null, ILogger<EmbeddedVectorIndex>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Dimensions = options.Dimensions;
        _lastSweepTicks = NowTicks;
        if (options.Directory is not null)
        {
            var started = Stopwatch.GetTimestamp();
            _store = new DirectoryStore(options.Directory, Dimensions, options.Durability == VectorIndexDurability.Durable, _logger);
            try
            {
                lock (_writeLock)
                {
                    var now = NowTicks;
                    _loadingSnapshot = true;
                    // A log that lost records may have lost a delete or a replacement: what was written before
                    // the last loss is not served (a stale answer is worse than a miss).
                    var trustedAfter = -1L;
                    _store.Open(record => ApplyRecord(record, now), AttachGraphs, () => trustedAfter = _writeSequence);
                    if (trustedAfter >= 0)
                    {
                        DropWrittenThrough(trustedAfter);
                    }

                    LinkDeferredRows();
                    SweepExpired(now);
                    while (_live.Count > options.Capacity)
                    {
                        EvictOne();
                    }

                    _store.Commit();
                    if (_store.Recovery.RewriteNeeded)
                    {
                        RewriteAfterDamage(now);
                    }
                }
            }
            catch
            {
                _store.Dispose();
                throw;
            }

            Log.Opened(_logger, Path.GetFullPath(options.Directory), _live.Count, _store.Recovery.SnapshotEntries, _store.Recovery.LogRecords, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (options.Durability == VectorIndexDurability.Fast)
            {
                _syncTimer = _time.CreateTimer(static state => ((EmbeddedVectorIndex)state!).BackgroundSync(), this, options.FastFlushInterval, options.FastFlushInterval);
            }
        }
    }

    /// <summary>The partition holding <paramref name="scope"/>, if any; for tests and diagnostics.</summary>
    internal ScopePartition? PartitionOf(VectorScope scope) => _partitions.TryGetValue(scope.Key, out var partition) ? partition : null;

    /// <summary>What the last open of the directory found (null for an in-memory index); for tests and diagnostics.</summary>
    internal RecoveryReport? Recovery => _store?.Recovery;

    /// <summary>
    /// Reclaims expired entries and, for a persistent index, writes a snapshot of the live entries and
    /// restarts the log, so that deleted, replaced and expired entries stop taking disk space and open
    /// time. Runs by itself when the log passes <see cref="EmbeddedVectorIndexOptions.CompactionLogBytes"/>;
    /// writers wait while it runs, searches do not.
    /// </summary>
    /// <param name="cancellationToken">Checked before starting.</param>
    public ValueTask CompactAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        lock (_writeLock)
        {
            ThrowIfDisposed();
            Compact(NowTicks);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public int Dimensions { get; }

    private long NowTicks => _time.GetUtcNow().UtcTicks;

    /// <inheritdoc />
    public ValueTask UpsertAsync(VectorEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return UpsertBatchAsync([entry], cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask UpsertBatchAsync(IReadOnlyList<VectorEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        if (entries.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        // Validate and normalize everything before touching state: a bad entry stores nothing.
        var vectors = new float[entries.Count * Dimensions];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? throw new ArgumentException($"Entry {i} of the batch is null.", nameof(entries));
            VectorMath.NormalizeInto(entry.Vector.Span, vectors.AsSpan(i * Dimensions, Dimensions), Dimensions, nameof(entries));
            foreach (var tag in entry.Tags)
            {
                if (tag is null)
                {
                    throw new ArgumentException($"Entry '{entry.Id}' has a null tag.", nameof(entries));
                }
            }
        }

        lock (_writeLock)
        {
            ThrowIfDisposed();
            var now = NowTicks;
            _deferGraphInserts = entries.Count > 1;
            try
            {
                ApplyBatch(entries, vectors, now);
            }
            finally
            {
                // The batch's rows are linked into their graphs together (in parallel) before it is acknowledged.
                LinkDeferredRows();
            }

            // The batch is acknowledged only once this returns: durable mode has synced it.
            _store?.Commit();
            AfterWrite(now);
        }

        return ValueTask.CompletedTask;
    }

    private void ApplyBatch(IReadOnlyList<VectorEntry> entries, float[] vectors, long now)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var expires = entry.ExpiresAt is { } at ? at.UtcTicks : EntryRecord.Never;
            var record = new EntryRecord(entry.Id, entry.Scope, entry.Payload, [.. entry.Tags.Distinct(StringComparer.Ordinal)], expires, ++_writeSequence)
            {
                LastAccessTicks = now,
            };
            if (!record.IsExpired(now) && !_byId.ContainsKey(record.Id))
            {
                MakeRoom(now);
            }

            var unit = vectors.AsSpan(i * Dimensions, Dimensions);
            _store?.Append(w => RecordCodec.WriteUpsert(w, record.Id, record.Scope, record.Payload, record.Tags, record.ExpiresTicks, vectors.AsSpan(i * Dimensions, Dimensions)));
            ApplyUpsert(record, unit, now);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<VectorMatch>> SearchAsync(ReadOnlyMemory<float> query, VectorScope scope, int topK, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topK);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();

        var unitQuery = ArrayPool<float>.Shared.Rent(Dimensions);
        try
        {
            VectorMath.NormalizeInto(query.Span, unitQuery, Dimensions, nameof(query));
            if (!_partitions.TryGetValue(scope.Key, out var partition))
            {
                return new ValueTask<IReadOnlyList<VectorMatch>>(Array.Empty<VectorMatch>());
            }

            var now = NowTicks;
            var top = new TopK(topK);
            partition.Search(unitQuery.AsSpan(0, Dimensions), ref top, now);
            var kept = top.ToSortedArray();
            var result = new VectorMatch[kept.Length];
            for (var i = 0; i < kept.Length; i++)
            {
                var (score, record) = kept[i];
                record.LastAccessTicks = now;
                result[i] = new VectorMatch(record.Id, Math.Clamp(score, -1f, 1f), record.Payload, record.Tags);
            }

            return new ValueTask<IReadOnlyList<VectorMatch>>(result);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(unitQuery);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        lock (_writeLock)
        {
            ThrowIfDisposed();
            var now = NowTicks;
            if (!_byId.TryGetValue(id, out var record) || record.IsExpired(now))
            {
                return new ValueTask<bool>(false);
            }

            _store?.Append(w => RecordCodec.WriteKeyed(w, RecordKind.Delete, id));
            _store?.Commit();
            ApplyDelete(id);
            AfterWrite(now);
            return new ValueTask<bool>(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> DeleteByScopeAsync(VectorScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        lock (_writeLock)
        {
            ThrowIfDisposed();
            var now = NowTicks;
            if (!_partitions.ContainsKey(scope.Key))
            {
                return new ValueTask<long>(0);
            }

            _store?.Append(w => RecordCodec.WriteKeyed(w, RecordKind.DeleteScope, scope.Key));
            _store?.Commit();
            var removed = ApplyDeleteScope(scope.Key, now);
            AfterWrite(now);
            return new ValueTask<long>(removed);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> DeleteByTagAsync(string tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        lock (_writeLock)
        {
            ThrowIfDisposed();
            var now = NowTicks;
            if (!_byTag.ContainsKey(tag))
            {
                return new ValueTask<long>(0);
            }

            _store?.Append(w => RecordCodec.WriteKeyed(w, RecordKind.DeleteTag, tag));
            _store?.Commit();
            var removed = ApplyDeleteTag(tag, now);
            AfterWrite(now);
            return new ValueTask<long>(removed);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> CountAsync(VectorScope? scope = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        var now = NowTicks;
        if (scope is not null)
        {
            return new ValueTask<long>(_partitions.TryGetValue(scope.Key, out var partition) ? partition.CountAlive(now) : 0);
        }

        long total = 0;
        foreach (var partition in _partitions.Values)
        {
            total += partition.CountAlive(now);
        }

        return new ValueTask<long>(total);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        lock (_writeLock)
        {
            _disposed = true;
            _syncTimer?.Dispose();
            _store?.Dispose();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    // ---- state changes (writer lock held); shared by live writes and log replay ----------------

    private void ApplyRecord(LogRecord record, long now)
    {
        switch (record.Kind)
        {
            case RecordKind.Upsert:
                var entry = new EntryRecord(record.Key, record.Scope!, record.Payload, record.Tags, record.ExpiresTicks, ++_writeSequence) { LastAccessTicks = now };
                ApplyUpsert(entry, record.Vector, now);
                break;
            case RecordKind.Delete:
                ApplyDelete(record.Key);
                break;
            case RecordKind.DeleteScope:
                ApplyDeleteScope(record.Key, now);
                break;
            case RecordKind.DeleteTag:
                ApplyDeleteTag(record.Key, now);
                break;
        }
    }

    /// <summary>Unlinks every entry written at or before <paramref name="sequence"/> (open after lost log records).</summary>
    private void DropWrittenThrough(long sequence)
    {
        var suspects = _live.Where(r => r.WrittenSequence <= sequence).ToList();
        foreach (var record in suspects)
        {
            Unlink(record);
        }

        _store!.Recovery.DroppedBeforeDamage = suspects.Count;
        Log.EntriesBeforeDamageDropped(_logger, Path.GetFullPath(_options.Directory!), suspects.Count);
    }

    /// <summary>
    /// Between a snapshot's records and the logs' on open: gives each scope its graph from the snapshot's
    /// graph file, or builds it when the file is missing or unusable (never fails the open for it).
    /// </summary>
    private void AttachGraphs(string? graphPath)
    {
        _loadingSnapshot = false;
        var loaded = graphPath is null
            ? null
            : _store!.ReadGraphs(graphPath, _options.AnnConnectivity, _options.AnnExpansionAdd, key => _partitions.TryGetValue(key, out var p) ? p.Segment.Capacity : null);
        foreach (var partition in _partitions.Values)
        {
            HnswGraph? graph = null;
            _ = loaded?.TryGetValue(partition.Scope.Key, out graph);
            if (partition.EndDeferredGraph(graph))
            {
                _store!.Recovery.GraphsLoaded++;
            }
            else if (partition.UsesGraph)
            {
                _store!.Recovery.GraphsRebuilt++;
            }
        }

        // The logs' upserts come next: linked together once the replay is done.
        _deferGraphInserts = true;
    }

    /// <summary>Links the rows whose graph inserts were deferred (one batch, or the logs replayed on open) on the build threads.</summary>
    private void LinkDeferredRows()
    {
        _deferGraphInserts = false;
        foreach (var partition in _deferredPartitions)
        {
            partition.CatchUpGraph();
        }

        _deferredPartitions.Clear();
    }

    private void AfterWrite(long now)
    {
        SweepExpiredIfDue(now);
        if (_store is not null && _store.LogBytes > _options.CompactionLogBytes)
        {
            Compact(now);
        }
    }

    private void Compact(long now)
    {
        SweepExpired(now);
        if (_store is null)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        _store.WriteSnapshot(_partitions.Values);
        Log.Compacted(_logger, _options.Directory!, _live.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>
    /// After an open that skipped damaged records or salvaged a damaged snapshot: writes what survived to a new
    /// snapshot, so that the damaged files are replaced (the damaged bytes stay in their <c>.corrupt-*</c> files)
    /// and later opens are clean. A failure leaves the index open: the next open reads the same files again.
    /// </summary>
    private void RewriteAfterDamage(long now)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            SweepExpired(now);
            _store!.WriteSnapshot(_partitions.Values);
            Log.RewrittenAfterDamage(_logger, _options.Directory!, _live.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.RewriteAfterDamageFailed(_logger, _options.Directory!, ex);
        }
    }

    private void BackgroundSync()
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                _store?.Sync();
            }
            catch (IOException ex)
            {
                Log.BackgroundSyncFailed(_logger, _options.Directory!, ex);
            }
        }
    }

    private void ApplyUpsert(EntryRecord record, ReadOnlySpan<float> unitVector, long now)
    {
        if (_byId.TryGetValue(record.Id, out var existing))
        {
            Unlink(existing);
        }

        // A snapshot's rows are all kept, expired or not, so that they get the slots its graph file numbers
        // them by; expired ones are swept right after the open.
        if (record.IsExpired(now) && !_loadingSnapshot)
        {
            return;
        }

        var partition = _partitions.GetOrAdd(record.Scope.Key, static (_, state) => new ScopePartition(state.Scope, state.Self._options), (record.Scope, Self: this));
        partition.DeferGraph |= _loadingSnapshot;
        if (_deferGraphInserts && !partition.DeferGraphInserts)
        {
            partition.DeferGraphInserts = true;
            _deferredPartitions.Add(partition);
        }

        record.Scope = partition.Scope;
        partition.Add(record, unitVector);
        _byId[record.Id] = record;
        foreach (var tag in record.Tags)
        {
            if (!_byTag.TryGetValue(tag, out var set))
            {
                _byTag[tag] = set = [];
            }

            set.Add(record);
        }

        record.LiveIndex = _live.Count;
        _live.Add(record);
    }

    private bool ApplyDelete(string id)
    {
        if (!_byId.TryGetValue(id, out var record))
        {
            return false;
        }

        Unlink(record);
        return true;
    }

    private long ApplyDeleteScope(string scopeKey, long now)
    {
        if (!_partitions.TryGetValue(scopeKey, out var partition))
        {
            return 0;
        }

        var victims = _live.Where(r => ReferenceEquals(r.Partition, partition)).ToList();
        long alive = 0;
        foreach (var record in victims)
        {
            alive += record.IsExpired(now) ? 0 : 1;
            Unlink(record);
        }

        return alive;
    }

    private long ApplyDeleteTag(string tag, long now)
    {
        if (!_byTag.TryGetValue(tag, out var set))
        {
            return 0;
        }

        long alive = 0;
        foreach (var record in set.ToList())
        {
            alive += record.IsExpired(now) ? 0 : 1;
            Unlink(record);
        }

        return alive;
    }

    private void Unlink(EntryRecord record)
    {
        var partition = record.Partition!;
        partition.Remove(record);
        if (partition.LiveCount == 0)
        {
            // A reader holding the partition sees it empty; a new write to the scope makes a new one.
            _partitions.TryRemove(new KeyValuePair<string, ScopePartition>(partition.Scope.Key, partition));
        }

        _byId.Remove(record.Id);
        foreach (var tag in record.Tags)
        {
            if (_byTag.TryGetValue(tag, out var set) && set.Remove(record) && set.Count == 0)
            {
                _byTag.Remove(tag);
            }
        }

        var last = _live[^1];
        _live[record.LiveIndex] = last;
        last.LiveIndex = record.LiveIndex;
        _live.RemoveAt(_live.Count - 1);
        record.LiveIndex = -1;
    }

    // ---- capacity and expiry ---------------------------------------------------------------------

    private void MakeRoom(long now)
    {
        if (_live.Count < _options.Capacity)
        {
            return;
        }

        // A full sweep is O(entries): at most once a second, not on every insert into a full index.
        if (now - _lastSweepTicks >= TimeSpan.TicksPerSecond)
        {
            SweepExpired(now);
        }

        while (_live.Count >= _options.Capacity)
        {
            EvictOne();
        }
    }

    private void EvictOne()
    {
        var victim = PickVictim(NowTicks);
        Log.Evicted(_logger, victim.Id, _options.EvictionPolicy);
        _store?.Append(w => RecordCodec.WriteKeyed(w, RecordKind.Delete, victim.Id));
        ApplyDelete(victim.Id);
    }

    /// <summary>
    /// The least recently used (or oldest written) entry: exact for small indexes, approximated by
    /// sampling 32 entries for large ones, as Redis does — exact order would cost a list update on
    /// every search hit, on the lock-free read path.
    /// </summary>
    private EntryRecord PickVictim(long now)
    {
        const int ExactBelow = 1024;
        const int Samples = 32;
        EntryRecord? victim = null;
        var exact = _live.Count <= ExactBelow;
        var rounds = exact ? _live.Count : Samples;
        for (var i = 0; i < rounds; i++)
        {
            var candidate = _live[exact ? i : _evictionSampler.Next(_live.Count)];
            if (candidate.IsExpired(now))
            {
                return candidate;
            }

            if (victim is null || Older(candidate, victim))
            {
                victim = candidate;
            }
        }

        return victim!;
    }

    private bool Older(EntryRecord a, EntryRecord b) => _options.EvictionPolicy == VectorEvictionPolicy.OldestWritten
        ? a.WrittenSequence < b.WrittenSequence
        : Volatile.Read(ref a.LastAccessTicks) < Volatile.Read(ref b.LastAccessTicks);

    private void SweepExpiredIfDue(long now)
    {
        if (now - _lastSweepTicks >= TimeSpan.TicksPerMinute)
        {
            SweepExpired(now);
        }
    }

    /// <summary>Reclaims expired entries (they are already invisible to searches and counts).</summary>
    private void SweepExpired(long now)
    {
        _lastSweepTicks = now;
        for (var i = _live.Count - 1; i >= 0; i--)
        {
            if (i < _live.Count && _live[i].IsExpired(now))
            {
                Unlink(_live[i]);
            }
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
