
namespace AgentFramework.VectorIndex.Storage;

/// <summary>
/// A hierarchical navigable small-world graph (Malkov &amp; Yashunin) over the rows of a scope's
/// segment, for scopes too large to scan. Nodes are segment slots; vectors are read from the segment.
/// </summary>
/// <remarks>
/// <para>One writer (the index's writer lock), any number of lock-free readers. The bottom layer is one
/// flat int array (a fixed-size list per node: count, then ids) and upper layers, which only about
/// 1/M of the nodes have, one small flat array per such node; no per-node objects on the bottom layer.
/// Lists are updated in place; a reader may see a list mid-update, which only changes the route it
/// walks — every id in a list is a node that exists — so results stay correct (they are scored exactly)
/// and recall is unaffected in practice. Readers ignore ids at or above the row count of the segment
/// they hold.</para>
/// <para>On a quantized segment the graph is built and walked on int8 scores
/// (<see cref="Segment.GraphScore"/>) and the <c>ef</c> nodes found are re-scored exactly.</para>
/// <para>Deleted and expired rows stay in the graph as waypoints and are filtered from results, as
/// in hnswlib; a partition compaction rebuilds the graph without them.</para>
/// </remarks>
internal sealed partial class HnswGraph
{
    private const int MaxLevel = 16;

    // Locks for neighbour lists that concurrent linkers add to, shared by node number modulo this (a power of two).
    private const int ListLockStripes = 1024;

    private readonly int _m;
    private readonly int _m0;
    private readonly int _efConstruction;
    private readonly double _levelMultiplier;
    private readonly Random _random;
    private readonly int _stride0;
    private readonly int _strideUp;
    private int[] _level0;
    private int[]?[] _upper;
    private readonly object[] _listLocks = NewLocks();
    private readonly object _entryLock = new();
    private Entry? _entry;
    private Entry? _buildEntry;
    private int _count;

    [ThreadStatic]
    private static Scratch? _threadScratch;

    public HnswGraph(int m, int efConstruction, int capacity)
    {
        _m = m;
        _m0 = 2 * m;
        _stride0 = _m0 + 1;
        _strideUp = _m + 1;
        _efConstruction = efConstruction;
        _levelMultiplier = 1 / Math.Log(m);
        _random = new Random(0x45A7);
        _level0 = new int[(long)capacity * _stride0 <= Array.MaxLength ? capacity * _stride0 : throw new InvalidOperationException($"A graph over {capacity} rows with M = {m} does not fit one array.")];
        _upper = new int[capacity][];
    }

    private HnswGraph(HnswGraph source, int capacity)
    {
        _m = source._m;
        _m0 = source._m0;
        _stride0 = source._stride0;
        _strideUp = source._strideUp;
        _efConstruction = source._efConstruction;
        _levelMultiplier = source._levelMultiplier;
        _random = source._random;
        _level0 = new int[capacity * _stride0];
        _upper = new int[capacity][];
        var n = source.Count;
        Array.Copy(source._level0, _level0, (long)n * _stride0);
        Array.Copy(source._upper, _upper, n);
        _entry = source._entry;
        _buildEntry = source._buildEntry;
        _count = n;
    }

    private static object[] NewLocks()
    {
        var locks = new object[ListLockStripes];
        for (var i = 0; i < locks.Length; i++)
        {
            locks[i] = new object();
        }

        return locks;
    }

    /// <summary>Nodes inserted (slots 0..Count-1); published after a node's lists exist.</summary>
    public int Count
    {
        get => Volatile.Read(ref _count);
        private set => Volatile.Write(ref _count, value);
    }

    /// <summary>Nodes the graph has room for.</summary>
    public int Capacity => _upper.Length;

    /// <summary>Edges per node on upper layers.</summary>
    public int Connectivity => _m;

    /// <summary>The same graph with room for <paramref name="capacity"/> nodes (the bottom layer is copied; upper lists are shared).</summary>
    public HnswGraph Grow(int capacity) => new(this, capacity);

    /// <summary>Bytes held by neighbour lists (for memory reports).</summary>
    public long LinkBytes()
    {
        long bytes = (4L * _level0.Length) + ((long)_upper.Length * IntPtr.Size);
        for (var i = 0; i < Count; i++)
        {
            if (_upper[i] is { } levels)
            {
                bytes += 24 + (4L * levels.Length);
            }
        }

        return bytes;
    }

    /// <summary>
    /// Inserts slots <paramref name="from"/> (must equal <see cref="Count"/>) up to <paramref name="to"/>, whose rows are
    /// already in <paramref name="segment"/>, on up to <paramref name="threads"/> threads; readers see the new nodes
    /// only once all are linked. Writer only.
    /// </summary>
    /// <remarks>
    /// Levels are drawn in slot order before any linking, so the layer structure does not depend on the thread
    /// count. Linkers ignore range nodes that are not fully linked yet (<see cref="BuildState"/>), take a striped
    /// lock per neighbour list they add to (never two at once) and route from a builder-side entry point;
    /// readers keep the published entry point until the range is done.
    /// </remarks>
    public void InsertRange(Segment segment, int from, int to, int threads)
    {
        if (from != Count || to > segment.Count)
        {
            throw new InvalidOperationException($"Graph insert of slots {from}..{to} does not follow the {Count} nodes already linked.");
        }

        if (from >= to)
        {
            return;
        }

        var levels = new int[to - from];
        for (var node = from; node < to; node++)
        {
            var level = Math.Min((int)(-Math.Log(1 - _random.NextDouble()) * _levelMultiplier), MaxLevel);
            levels[node - from] = level;
            if (level > 0)
            {
                _upper[node] = new int[level * _strideUp];
            }
        }

        var build = new BuildState(from, to);
        var first = from;
        if (_buildEntry is null)
        {
            _buildEntry = new Entry(from, levels[0]);
            build.MarkLinked(from);
            first++;
        }

        if (threads <= 1 || to - first < 4 * threads)
        {
            for (var node = first; node < to; node++)
            {
                Link(segment, node, levels[node - from], build);
            }
        }
        else
        {
            var next = first - 1;
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
            {
                int node;
                while ((node = Interlocked.Increment(ref next)) < to)
                {
                    Link(segment, node, levels[node - from], build);
                }
            });
        }

        Count = to;
        Volatile.Write(ref _entry, _buildEntry);
    }

    /// <summary>Links one new node into every layer up to <paramref name="level"/>; may run alongside other linkers.</summary>
    private void Link(Segment segment, int node, int level, BuildState build)
    {
        var limit = build.To;
        var entry = Volatile.Read(ref _buildEntry)!;
        var query = segment.NodeQuery(node);
        var current = entry.Node;
        var currentScore = segment.GraphScore(query, current);
        for (var l = entry.Level; l > level; l--)
        {
            (current, currentScore) = Greedy(segment, query, current, currentScore, l, limit, build);
        }

        var scratch = _threadScratch ??= new Scratch();
        for (var l = Math.Min(level, entry.Level); l >= 0; l--)
        {
            var found = SearchLayer(segment, query, current, currentScore, _efConstruction, l, limit, scratch, build);
            var maxLinks = l == 0 ? _m0 : _m;
            var nodes = scratch.FoundNodes.AsSpan(0, found);
            var scores = scratch.FoundScores.AsSpan(0, found);
            var selected = SelectNeighbours(segment, nodes, scores, _m, scratch.Selected, scratch.SelectedScores);
            // No lock: other linkers ignore this node until it is marked linked, so nobody else writes its lists yet.
            var own = Links(node, l);
            for (var i = 0; i < selected; i++)
            {
                own[i + 1] = scratch.Selected[i];
            }

            Volatile.Write(ref own[0], selected);

            for (var i = 0; i < selected; i++)
            {
                var neighbour = scratch.Selected[i];
                lock (LockFor(neighbour))
                {
                    Connect(segment, neighbour, node, scratch.SelectedScores[i], l, maxLinks, scratch);
                }
            }

            (current, currentScore) = (nodes[0], scores[0]);
        }

        build.MarkLinked(node);
        if (level > entry.Level)
        {
            lock (_entryLock)
            {
                if (level > _buildEntry!.Level)
                {
                    _buildEntry = new Entry(node, level);
                }
            }
        }
    }

    /// <summary>A copy of <paramref name="node"/>'s neighbour list on <paramref name="level"/> (for checks and diagnostics).</summary>
    public int[] NeighboursOf(int node, int level)
    {
        var links = Links(node, level);
        return links.Slice(1, Math.Min(Volatile.Read(ref links[0]), links.Length - 1)).ToArray();
    }

    /// <summary>The highest layer <paramref name="node"/> is on.</summary>
    public int LevelOf(int node) => _upper[node] is { } upper ? upper.Length / _strideUp : 0;

    private object LockFor(int node) => _listLocks[node & (ListLockStripes - 1)];

    /// <summary>
    /// Offers the (up to) <paramref name="ef"/> nearest live rows found to <paramref name="top"/>, with exact
    /// scores (re-scored from the full-precision rows when the walk used int8); safe for concurrent readers.
    /// </summary>
    /// <param name="segment">The rows the graph indexes.</param>
    /// <param name="unitQuery">The normalized query.</param>
    /// <param name="ef">Beam width.</param>
    /// <param name="rescore">On a quantized segment, how many of the best nodes by int8 score are re-scored exactly and offered.</param>
    /// <param name="nowTicks">Rows expired by then are skipped.</param>
    /// <param name="top">Receives the results.</param>
    public void Search(Segment segment, ReadOnlySpan<float> unitQuery, int ef, int rescore, long nowTicks, ref TopK top)
    {
        var entry = Volatile.Read(ref _entry);
        var limit = Math.Min(segment.Count, Count);
        if (entry is null || entry.Node >= limit)
        {
            return;
        }

        var codeBytes = segment.Quantized ? segment.CodeStride : 0;
        var query = segment.EncodeQuery(unitQuery, stackalloc sbyte[codeBytes], stackalloc byte[codeBytes], stackalloc sbyte[codeBytes]);
        var current = entry.Node;
        var currentScore = segment.GraphScore(query, current);
        for (var l = entry.Level; l > 0; l--)
        {
            (current, currentScore) = Greedy(segment, query, current, currentScore, l, limit);
        }

        var scratch = _threadScratch ??= new Scratch();
        var found = SearchLayer(segment, query, current, currentScore, ef, 0, limit, scratch);
        var expiry = segment.Expiry;
        var records = segment.Records;
        var quantized = segment.Quantized;
        var offered = 0;
        const int Ahead = 4;
        if (quantized)
        {
            for (var i = 0; i < Math.Min(Ahead, found); i++)
            {
                segment.PrefetchRow(scratch.FoundNodes[i]);
            }
        }

        for (var i = 0; i < found && (!quantized || offered < rescore); i++)
        {
            if (quantized && i + Ahead < found)
            {
                // The full-precision rows are four times the codes' bytes: start the next ones loading now.
                segment.PrefetchRow(scratch.FoundNodes[i + Ahead]);
            }

            var node = scratch.FoundNodes[i];
            if (Volatile.Read(ref expiry[node]) > nowTicks)
            {
                // Found nodes are best first by the walk's score: the int8 order is close enough that the
                // exact top-k lies within the best few dozen, which are the only full-precision rows read.
                top.Offer(quantized ? segment.Score(unitQuery, node) : scratch.FoundScores[i], records[node]);
                offered++;
            }
        }
    }

    private Span<int> Links(int node, int level) => level == 0
        ? _level0.AsSpan(node * _stride0, _stride0)
        : _upper[node].AsSpan((level - 1) * _strideUp, _strideUp);

    private (int Node, float Score) Greedy(Segment segment, scoped in GraphQuery query, int current, float currentScore, int level, int limit, BuildState? build = null)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            var links = Links(current, level);
            var count = Math.Min(Volatile.Read(ref links[0]), links.Length - 1);
            for (var i = 1; i <= count; i++)
            {
                var candidate = links[i];
                if ((uint)candidate >= (uint)limit || (build is not null && !build.IsLinked(candidate)))
                {
                    continue;
                }

                var score = segment.GraphScore(query, candidate);
                if (score > currentScore)
                {
                    (current, currentScore, changed) = (candidate, score, true);
                }
            }
        }

        return (current, currentScore);
    }

    /// <summary>
    /// Beam search on one layer; leaves up to <paramref name="ef"/> nodes, best first, in the scratch's found arrays and
    /// returns how many. While linking, <paramref name="build"/> hides the range's nodes not linked yet.
    /// </summary>
    private int SearchLayer(Segment segment, scoped in GraphQuery query, int start, float startScore, int ef, int level, int limit, Scratch scratch, BuildState? build = null)
    {
        var visited = scratch.Visited;
        visited.Reset(segment.Capacity);
        visited.Mark(start);

        // Candidates: a min-heap on -score (best first). Results: a min-heap on score (worst first), capped at ef.
        var candidates = scratch.Candidates;
        var results = scratch.Results;
        candidates.Clear();
        results.Clear();
        candidates.Push(-startScore, start);
        results.Push(startScore, start);
        while (candidates.Count > 0)
        {
            var node = candidates.Pop(out var negative);
            if (results.Count >= ef && -negative < results.TopKey)
            {
                break;
            }

            // First the unvisited neighbours, prefetching each row, then their scores: the rows' cache misses
            // overlap instead of being taken one after another.
            var links = Links(node, level);
            var count = Math.Min(Volatile.Read(ref links[0]), links.Length - 1);
            var fresh = scratch.Fresh;
            var pending = 0;
            for (var i = 1; i <= count; i++)
            {
                var neighbour = links[i];
                if ((uint)neighbour < (uint)limit && (build is null || build.IsLinked(neighbour)) && visited.Mark(neighbour))
                {
                    segment.Prefetch(neighbour);
                    fresh[pending++] = neighbour;
                }
            }

            for (var i = 0; i < pending; i++)
            {
                var neighbour = fresh[i];
                var score = segment.GraphScore(query, neighbour);
                if (results.Count < ef)
                {
                    candidates.Push(-score, neighbour);
                    results.Push(score, neighbour);
                }
                else if (score > results.TopKey)
                {
                    candidates.Push(-score, neighbour);
                    results.ReplaceTop(score, neighbour);
                }
            }
        }

        var found = results.Count;
        scratch.EnsureFound(found);
        for (var i = found - 1; i >= 0; i--)
        {
            scratch.FoundNodes[i] = results.Pop(out scratch.FoundScores[i]);
        }

        return found;
    }

    /// <summary>
    /// The paper's neighbour heuristic: take candidates best first, keeping one only if it is closer to the
    /// new node than to every neighbour already kept — spreads links across directions, which keeps
    /// clustered data navigable. Writes the kept ones to <paramref name="selected"/>; returns how many.
    /// </summary>
    private static int SelectNeighbours(Segment segment, ReadOnlySpan<int> nodes, ReadOnlySpan<float> scores, int max, int[] selected, float[] selectedScores)
    {
        var kept = 0;
        for (var c = 0; c < nodes.Length && kept < max; c++)
        {
            var candidate = segment.NodeQuery(nodes[c]);
            var keep = true;
            for (var j = 0; j < kept; j++)
            {
                if (segment.GraphScore(candidate, selected[j]) > scores[c])
                {
                    keep = false;
                    break;
                }
            }

            if (keep)
            {
                selected[kept] = nodes[c];
                selectedScores[kept] = scores[c];
                kept++;
            }
        }

        return kept;
    }

    private void Connect(Segment segment, int node, int newNeighbour, float score, int level, int maxLinks, Scratch scratch)
    {
        var links = Links(node, level);
        var count = links[0];
        if (count < maxLinks)
        {
            links[count + 1] = newNeighbour;
            Volatile.Write(ref links[0], count + 1);
            return;
        }

        // Full: re-select among the old neighbours plus the new one, then rewrite the list.
        var own = segment.NodeQuery(node);
        var poolNodes = scratch.PoolNodes;
        var poolScores = scratch.PoolScores;
        poolNodes[0] = newNeighbour;
        poolScores[0] = score;
        for (var i = 1; i <= count; i++)
        {
            poolNodes[i] = links[i];
            poolScores[i] = segment.GraphScore(own, links[i]);
        }

        var n = count + 1;
        poolScores.AsSpan(0, n).Sort(poolNodes.AsSpan(0, n), static (a, b) => b.CompareTo(a));
        var kept = SelectNeighbours(segment, poolNodes.AsSpan(0, n), poolScores.AsSpan(0, n), maxLinks, scratch.Reselected, scratch.ReselectedScores);
        for (var i = 0; i < kept; i++)
        {
            links[i + 1] = scratch.Reselected[i];
        }

        Volatile.Write(ref links[0], kept);
    }

    private sealed record Entry(int Node, int Level);

    /// <summary>
    /// Which nodes of a range being inserted are fully linked. Linkers see only those (and every node before the
    /// range): a node reached while its own lists are still empty would be a dead end, and a linker that
    /// started from it would get it as its only neighbour. So concurrent inserts behave as if each saw the
    /// others either finished or not yet begun — with one thread, exactly the sequential algorithm.
    /// </summary>
    private sealed class BuildState(int from, int to)
    {
        private readonly bool[] _linked = new bool[to - from];

        public int From { get; } = from;

        public int To { get; } = to;

        public bool IsLinked(int node) => node < From || Volatile.Read(ref _linked[node - From]);

        public void MarkLinked(int node) => Volatile.Write(ref _linked[node - From], true);
    }

    /// <summary>Per-thread buffers, so a search allocates nothing.</summary>
    private sealed class Scratch
    {
        public readonly VisitedSet Visited = new();
        public readonly ScoreHeap Candidates = new();
        public readonly ScoreHeap Results = new();
        public int[] FoundNodes = new int[256];
        public float[] FoundScores = new float[256];
        public readonly int[] Fresh = new int[258];
        public readonly int[] Selected = new int[256];
        public readonly float[] SelectedScores = new float[256];
        public readonly int[] Reselected = new int[258];
        public readonly float[] ReselectedScores = new float[258];
        public readonly int[] PoolNodes = new int[258];
        public readonly float[] PoolScores = new float[258];

        public void EnsureFound(int count)
        {
            if (FoundNodes.Length < count)
            {
                FoundNodes = new int[count];
                FoundScores = new float[count];
            }
        }
    }

    /// <summary>A binary min-heap of (key, node) in two arrays.</summary>
    private sealed class ScoreHeap
    {
        private float[] _keys = new float[256];
        private int[] _nodes = new int[256];

        public int Count { get; private set; }

        public float TopKey => _keys[0];

        public void Clear() => Count = 0;

        public void Push(float key, int node)
        {
            if (Count == _keys.Length)
            {
                Array.Resize(ref _keys, Count * 2);
                Array.Resize(ref _nodes, Count * 2);
            }

            var i = Count++;
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (_keys[parent] <= key)
                {
                    break;
                }

                _keys[i] = _keys[parent];
                _nodes[i] = _nodes[parent];
                i = parent;
            }

            _keys[i] = key;
            _nodes[i] = node;
        }

        public int Pop(out float key)
        {
            key = _keys[0];
            var node = _nodes[0];
            var last = --Count;
            if (last > 0)
            {
                SiftDown(_keys[last], _nodes[last]);
            }

            return node;
        }

        public void ReplaceTop(float key, int node) => SiftDown(key, node);

        private void SiftDown(float key, int node)
        {
            var i = 0;
            var n = Count;
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= n)
                {
                    break;
                }

                if (child + 1 < n && _keys[child + 1] < _keys[child])
                {
                    child++;
                }

                if (key <= _keys[child])
                {
                    break;
                }

                _keys[i] = _keys[child];
                _nodes[i] = _nodes[child];
                i = child;
            }

            _keys[i] = key;
            _nodes[i] = node;
        }
    }

    /// <summary>
    /// A reusable visited marker: a generation stamp per node, so resetting costs nothing. Stamps are 16-bit
    /// (as in hnswlib): half the cache footprint of int stamps on a walk's random accesses, for one clear
    /// every 65,535 searches.
    /// </summary>
    private sealed class VisitedSet
    {
        private ushort[] _stamps = [];
        private ushort _generation;

        public void Reset(int capacity)
        {
            if (_stamps.Length < capacity)
            {
                _stamps = HugePages.AllocatePinned<ushort>(capacity, zeroed: true);
                _generation = 0;
            }

            if (++_generation == ushort.MaxValue)
            {
                Array.Clear(_stamps);
                _generation = 1;
            }
        }

        /// <summary>Marks <paramref name="node"/>; false if it was already marked.</summary>
        public bool Mark(int node)
        {
            ref var stamp = ref _stamps[node];
            if (stamp == _generation)
            {
                return false;
            }

            stamp = _generation;
            return true;
        }
    }
}
