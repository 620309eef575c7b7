using AgentFramework.VectorSearch;

namespace AgentFramework.VectorIndex.Storage;

/// <summary>
/// All entries of one scope. Scope is a hard partition: a search touches exactly one partition,
/// so nothing from another scope can be scored, let alone returned.
/// </summary>
internal sealed class ScopePartition(VectorScope scope, EmbeddedVectorIndexOptions options)
{
    private const int InitialCapacity = 16;

    /// <summary>Rows scored per block by the exact float scan.</summary>
    private const int ScanBlock = 256;

    /// <summary>Above this capacity a full segment grows by half instead of doubling, to bound the unused tail.</summary>
    private const int DoubleBelow = 1 << 16;

    private readonly int _rescoreCandidates = options.RescoreCandidates;
    private Segment _segment = NewSegment(options, InitialCapacity);

    public VectorScope Scope { get; } = scope;

    /// <summary>The current rows; replaced (never mutated in place) when grown or compacted.</summary>
    public Segment Segment => Volatile.Read(ref _segment);

    /// <summary>Live (not deleted) rows; writer-owned. May include expired rows not yet reclaimed.</summary>
    public int LiveCount { get; private set; }

    /// <summary>Whether searches go through a graph rather than a scan.</summary>
    public bool UsesGraph => Segment.Graph is not null;

    /// <summary>
    /// While set (loading a snapshot whose graph may be on disk), no graph is built or extended;
    /// <see cref="EndDeferredGraph"/> attaches the loaded graph or builds one.
    /// </summary>
    public bool DeferGraph { get; set; }

    /// <summary>
    /// While set (during one batch upsert), rows added to a scope that has a graph are not linked one by one;
    /// <see cref="CatchUpGraph"/> links them together, on <see cref="EmbeddedVectorIndexOptions.AnnBuildThreads"/> threads.
    /// </summary>
    public bool DeferGraphInserts { get; set; }

    /// <summary>Appends a row (writer only); builds the graph when the scope crosses the ANN threshold.</summary>
    public void Add(EntryRecord record, ReadOnlySpan<float> unitVector)
    {
        var segment = _segment;
        if (segment.IsFull)
        {
            var dead = segment.Count - LiveCount;
            if (dead > LiveCount / 2)
            {
                segment = Rebuild(Math.Max(InitialCapacity, LiveCount * 2));
            }
            else
            {
                var capacity = NextCapacity(segment.Capacity);
                segment = segment.GrowTo(capacity, segment.RowFile ?? NewRowFile(options, capacity));
                Volatile.Write(ref _segment, segment);
            }
        }

        record.Partition = this;
        record.Slot = segment.Append(record, unitVector);
        LiveCount++;
        if (DeferGraph)
        {
            return;
        }

        if (segment.Graph is { } graph)
        {
            if (!DeferGraphInserts)
            {
                graph.InsertRange(segment, graph.Count, segment.Count, 1);
            }
        }
        else if (LiveCount >= options.AnnThreshold)
        {
            segment.Graph = BuildGraph(segment);
        }
    }

    /// <summary>Links the rows added while <see cref="DeferGraphInserts"/> was set into the graph, and clears it (writer only).</summary>
    public void CatchUpGraph()
    {
        DeferGraphInserts = false;
        var segment = _segment;
        if (segment.Graph is { } graph && graph.Count < segment.Count)
        {
            graph.InsertRange(segment, graph.Count, segment.Count, options.AnnBuildThreads);
        }
    }

    /// <summary>Removes a row (writer only); compacts when most rows are dead.</summary>
    public void Remove(EntryRecord record)
    {
        var segment = _segment;
        segment.Kill(record.Slot);
        record.Partition = null;
        record.Slot = -1;
        LiveCount--;
        var dead = segment.Count - LiveCount;
        if (dead > 64 && dead > LiveCount)
        {
            Rebuild(Math.Max(InitialCapacity, LiveCount * 2));
        }
    }

    /// <summary>Copies the unit vector stored for <paramref name="record"/> (writer only: slots move on rebuild).</summary>
    public void CopyVector(EntryRecord record, Span<float> destination) => _segment.CopyRow(record.Slot, destination);

    /// <summary>
    /// Ends <see cref="DeferGraph"/>: when the scope is above the threshold, uses <paramref name="loaded"/> if it
    /// covers exactly the current rows and has the configured connectivity, else builds a graph. Returns whether the loaded graph was used.
    /// </summary>
    public bool EndDeferredGraph(HnswGraph? loaded)
    {
        DeferGraph = false;
        var segment = _segment;
        if (loaded is not null && LiveCount >= options.AnnThreshold && loaded.Count == segment.Count && loaded.Connectivity == options.AnnConnectivity && loaded.Capacity >= segment.Capacity)
        {
            segment.Graph = loaded;
            return true;
        }

        if (LiveCount >= options.AnnThreshold)
        {
            segment.Graph = BuildGraph(segment);
        }

        return false;
    }

    /// <summary>Counts rows alive at <paramref name="nowTicks"/>; safe for readers.</summary>
    public long CountAlive(long nowTicks)
    {
        var segment = Segment;
        var n = segment.Count;
        var expiry = segment.Expiry;
        long alive = 0;
        for (var i = 0; i < n; i++)
        {
            if (Volatile.Read(ref expiry[i]) > nowTicks)
            {
                alive++;
            }
        }

        return alive;
    }

    /// <summary>Top-k by cosine among rows alive at <paramref name="nowTicks"/>: through the graph when there is one, else exact; safe for readers.</summary>
    public void Search(ReadOnlySpan<float> unitQuery, ref TopK top, long nowTicks)
    {
        var segment = Segment;
        if (segment.Graph is { } graph)
        {
            graph.Search(segment, unitQuery, Math.Max(options.AnnExpansionSearch, top.Capacity), Math.Max(_rescoreCandidates, top.Capacity), nowTicks, ref top);
            return;
        }

        SearchExact(segment, unitQuery, ref top, nowTicks);
    }

    /// <summary>Exact top-k (int8 candidates + exact re-score when quantized) over one segment.</summary>
    public void SearchExact(Segment segment, ReadOnlySpan<float> unitQuery, ref TopK top, long nowTicks)
    {
        var n = segment.Count;
        var expiry = segment.Expiry;
        var records = segment.Records;
        if (segment.Quantized && n > _rescoreCandidates)
        {
            SearchQuantized(segment, n, unitQuery, ref top, nowTicks);
            return;
        }

        // Scores a block of rows at a time (see Segment.ScoreRows), then looks at expiry only for rows good
        // enough to keep: the scan stays one sequential stream of rows.
        Span<float> scores = stackalloc float[ScanBlock];
        for (var start = 0; start < n; start += ScanBlock)
        {
            var count = Math.Min(ScanBlock, n - start);
            segment.ScoreRows(unitQuery, start, scores[..count]);
            for (var j = 0; j < count; j++)
            {
                var i = start + j;
                if (scores[j] >= top.Threshold && Volatile.Read(ref expiry[i]) > nowTicks)
                {
                    top.Offer(scores[j], records[i]);
                }
            }
        }
    }

    private void SearchQuantized(Segment segment, int n, ReadOnlySpan<float> unitQuery, ref TopK top, long nowTicks)
    {
        // Pass 1: int8 scan keeps the best candidates by approximate score (a quarter of the bytes).
        var encoded = segment.EncodeQuery(unitQuery, stackalloc sbyte[segment.CodeStride], stackalloc byte[segment.CodeStride], stackalloc sbyte[segment.CodeStride]);
        var query = new GraphQuery(default, encoded.Codes, 1, encoded.Magnitudes, encoded.Negative); // the query's scale is common to all rows: ranking ignores it
        var candidates = new SlotHeap(Math.Max(_rescoreCandidates, top.Capacity));
        var expiry = segment.Expiry;
        for (var i = 0; i < n; i++)
        {
            if (Volatile.Read(ref expiry[i]) <= nowTicks)
            {
                continue;
            }

            var approx = segment.GraphScore(query, i);
            candidates.Offer(approx, i);
        }

        // Pass 2: exact float scores for the candidates only; these are what the caller sees.
        var records = segment.Records;
        foreach (var slot in candidates.Slots)
        {
            top.Offer(segment.Score(unitQuery, slot), records[slot]);
        }
    }

    private Segment Rebuild(int capacity)
    {
        var old = _segment;
        var fresh = NewSegment(options, Math.Max(capacity, LiveCount + 1));
        var n = old.Count;
        var row = new float[old.Dimensions];
        for (var i = 0; i < n; i++)
        {
            if (old.Expiry[i] == 0)
            {
                continue;
            }

            var record = old.Records[i];
            old.CopyRow(i, row);
            record.Slot = fresh.Append(record, row);
        }

        if (LiveCount >= options.AnnThreshold && !DeferGraph)
        {
            // Slots were renumbered: the graph is rebuilt before the new segment is published.
            fresh.Graph = BuildGraph(fresh);
        }

        Volatile.Write(ref _segment, fresh);
        return fresh;
    }

    /// <summary>
    /// Doubling while small, then by half; never past the index's entry capacity while below it (a scope
    /// cannot hold more live entries than the whole index), so a full index wastes no tail of rows.
    /// </summary>
    private int NextCapacity(int current)
    {
        var next = current < DoubleBelow ? current * 2 : current + (current / 2);
        return current < options.Capacity ? Math.Min(next, options.Capacity) : next;
    }

    private static Segment NewSegment(EmbeddedVectorIndexOptions options, int capacity) =>
        new(options.Dimensions, capacity, options.UsesCodes, NewRowFile(options, capacity));

    /// <summary>A row file when mapped rows are on and the segment is large enough to be worth a file (and a handle).</summary>
    private static RowFile? NewRowFile(EmbeddedVectorIndexOptions options, int capacity) =>
        options.MemoryMappedVectors && capacity > options.MapRowsAbove ? new RowFile(options.Directory, RowBytes(options.Dimensions)) : null;

    private static int RowBytes(int dimensions) => (dimensions + 15) / 16 * 16 * sizeof(float);

    private HnswGraph BuildGraph(Segment segment)
    {
        var graph = new HnswGraph(options.AnnConnectivity, options.AnnExpansionAdd, segment.Capacity);
        graph.InsertRange(segment, 0, segment.Count, options.AnnBuildThreads);
        return graph;
    }
}
