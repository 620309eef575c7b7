namespace AgentFramework.VectorIndex.Storage;

/// <summary>
/// A hierarchical navigable small-world graph (Malkov &amp; Yashunin) over the rows of a scope's
/// segment, for scopes too large to scan. Nodes are segment slots; vectors are read from the segment.
/// </summary>
/// <remarks>
/// <para>One writer (the index's writer lock), any number of lock-free readers. Neighbour lists are
/// fixed-size int arrays (count in element 0) updated in place; a reader may see a list mid-update,
/// which only changes the route it walks — every id in a list is a node that exists — so results
/// stay correct (they are scored exactly) and recall is unaffected in practice. Readers ignore ids at
/// or above the row count of the segment they hold.</para>
/// <para>Deleted and expired rows stay in the graph as waypoints and are filtered from results, as
/// in hnswlib; a partition compaction rebuilds the graph without them.</para>
/// </remarks>
internal sealed class HnswGraph
{
    private readonly int _m;
    private readonly int _m0;
    private readonly int _efConstruction;
    private readonly double _levelMultiplier;
    private readonly Random _random = new(0x45A7);
    private int[][] _level0;
    private int[][]?[] _upper;
    private Entry? _entry;

    [ThreadStatic]
    private static VisitedSet? t_visited;

    public HnswGraph(int m, int efConstruction, int capacity)
    {
        _m = m;
        _m0 = 2 * m;
        _efConstruction = efConstruction;
        _levelMultiplier = 1 / Math.Log(m);
        _level0 = new int[capacity][];
        _upper = new int[capacity][][];
    }

    private HnswGraph(HnswGraph source, int capacity)
    {
        _m = source._m;
        _m0 = source._m0;
        _efConstruction = source._efConstruction;
        _levelMultiplier = source._levelMultiplier;
        _random = source._random;
        _level0 = new int[capacity][];
        _upper = new int[capacity][][];
        Array.Copy(source._level0, _level0, source._level0.Length);
        Array.Copy(source._upper, _upper, source._upper.Length);
        _entry = source._entry;
        Count = source.Count;
    }

    private int _count;

    /// <summary>Nodes inserted (slots 0..Count-1); published after a node's lists exist.</summary>
    public int Count
    {
        get => Volatile.Read(ref _count);
        private set => Volatile.Write(ref _count, value);
    }

    /// <summary>The same graph with room for <paramref name="capacity"/> nodes; neighbour lists are shared.</summary>
    public HnswGraph Grow(int capacity) => new(this, capacity);

    /// <summary>Bytes held by neighbour lists (for memory reports).</summary>
    public long LinkBytes()
    {
        long bytes = (long)_level0.Length * 2 * IntPtr.Size;
        for (var i = 0; i < Count; i++)
        {
            bytes += 24 + (4L * _level0[i].Length);
            if (_upper[i] is { } levels)
            {
                bytes += 24 + (IntPtr.Size * levels.Length);
                foreach (var list in levels)
                {
                    bytes += 24 + (4L * list.Length);
                }
            }
        }

        return bytes;
    }

    /// <summary>Inserts slot <paramref name="node"/> (must equal <see cref="Count"/>) whose row is already in <paramref name="segment"/>.</summary>
    public void Insert(Segment segment, int node)
    {
        var level = (int)(-Math.Log(1 - _random.NextDouble()) * _levelMultiplier);
        level = Math.Min(level, 16);
        _level0[node] = new int[_m0 + 1];
        if (level > 0)
        {
            var levels = new int[level][];
            for (var l = 0; l < level; l++)
            {
                levels[l] = new int[_m + 1];
            }

            _upper[node] = levels;
        }

        Count = node + 1;
        var entry = _entry;
        if (entry is null)
        {
            Volatile.Write(ref _entry, new Entry(node, level));
            return;
        }

        var query = segment.Row(node);
        var current = entry.Node;
        var currentScore = segment.Score(query, current);
        for (var l = entry.Level; l > level; l--)
        {
            (current, currentScore) = Greedy(segment, query, current, currentScore, l, segment.Count);
        }

        var visited = Visited(segment.Capacity);
        for (var l = Math.Min(level, entry.Level); l >= 0; l--)
        {
            var candidates = SearchLayer(segment, query, current, currentScore, _efConstruction, l, segment.Count, visited);
            var maxLinks = l == 0 ? _m0 : _m;
            var selected = SelectNeighbours(segment, candidates, _m);
            var own = Links(node, l);
            own[0] = selected.Count;
            for (var i = 0; i < selected.Count; i++)
            {
                own[i + 1] = selected[i].Node;
            }

            foreach (var (neighbour, score) in selected)
            {
                Connect(segment, neighbour, node, score, l, maxLinks);
            }

            (current, currentScore) = candidates[0];
        }

        if (level > entry.Level)
        {
            Volatile.Write(ref _entry, new Entry(node, level));
        }
    }

    /// <summary>Offers the (up to) <paramref name="ef"/> nearest live rows found to <paramref name="top"/>; safe for concurrent readers.</summary>
    public void Search(Segment segment, ReadOnlySpan<float> query, int ef, long nowTicks, ref TopK top)
    {
        var entry = Volatile.Read(ref _entry);
        var limit = Math.Min(segment.Count, Count);
        if (entry is null || entry.Node >= limit)
        {
            return;
        }

        var current = entry.Node;
        var currentScore = segment.Score(query, current);
        for (var l = entry.Level; l > 0; l--)
        {
            (current, currentScore) = Greedy(segment, query, current, currentScore, l, limit);
        }

        var found = SearchLayer(segment, query, current, currentScore, ef, 0, limit, Visited(segment.Capacity));
        var expiry = segment.Expiry;
        var records = segment.Records;
        foreach (var (node, score) in found)
        {
            if (Volatile.Read(ref expiry[node]) > nowTicks)
            {
                top.Offer(score, records[node]);
            }
        }
    }

    private int[] Links(int node, int level) => level == 0 ? _level0[node] : _upper[node]![level - 1];

    private (int Node, float Score) Greedy(Segment segment, ReadOnlySpan<float> query, int current, float currentScore, int level, int limit)
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
                if ((uint)candidate >= (uint)limit)
                {
                    continue;
                }

                var score = segment.Score(query, candidate);
                if (score > currentScore)
                {
                    (current, currentScore, changed) = (candidate, score, true);
                }
            }
        }

        return (current, currentScore);
    }

    /// <summary>Beam search on one layer; returns up to <paramref name="ef"/> nodes, best first.</summary>
    private List<(int Node, float Score)> SearchLayer(Segment segment, ReadOnlySpan<float> query, int start, float startScore, int ef, int level, int limit, VisitedSet visited)
    {
        visited.Reset(segment.Capacity);
        visited.Mark(start);

        // Candidates: best first (priority = -score). Results: worst first (priority = score), capped at ef.
        var candidates = new PriorityQueue<int, float>();
        var results = new PriorityQueue<int, float>();
        candidates.Enqueue(start, -startScore);
        results.Enqueue(start, startScore);
        var worst = startScore;
        while (candidates.TryDequeue(out var node, out var negative))
        {
            if (-negative < worst && results.Count >= ef)
            {
                break;
            }

            var links = level == 0 ? _level0[node] : _upper[node]![level - 1];
            var count = Math.Min(Volatile.Read(ref links[0]), links.Length - 1);
            for (var i = 1; i <= count; i++)
            {
                var neighbour = links[i];
                if ((uint)neighbour >= (uint)limit || !visited.Mark(neighbour))
                {
                    continue;
                }

                var score = segment.Score(query, neighbour);
                if (results.Count < ef || score > worst)
                {
                    candidates.Enqueue(neighbour, -score);
                    results.Enqueue(neighbour, score);
                    if (results.Count > ef)
                    {
                        results.Dequeue();
                    }

                    results.TryPeek(out _, out worst);
                }
            }
        }

        var list = new List<(int, float)>(results.Count);
        while (results.TryDequeue(out var node, out var score))
        {
            list.Add((node, score));
        }

        list.Reverse();
        return list;
    }

    /// <summary>
    /// The paper's neighbour heuristic: take candidates best first, keeping one only if it is closer to the
    /// new node than to every neighbour already kept — spreads links across directions, which keeps
    /// clustered data navigable.
    /// </summary>
    private static List<(int Node, float Score)> SelectNeighbours(Segment segment, List<(int Node, float Score)> candidates, int max)
    {
        var selected = new List<(int Node, float Score)>(max);
        foreach (var candidate in candidates)
        {
            if (selected.Count >= max)
            {
                break;
            }

            var row = segment.Row(candidate.Node);
            var keep = true;
            foreach (var chosen in selected)
            {
                if (segment.Score(row, chosen.Node) > candidate.Score)
                {
                    keep = false;
                    break;
                }
            }

            if (keep)
            {
                selected.Add(candidate);
            }
        }

        return selected;
    }

    private void Connect(Segment segment, int node, int newNeighbour, float score, int level, int maxLinks)
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
        var row = segment.Row(node);
        var pool = new List<(int Node, float Score)>(count + 1) { (newNeighbour, score) };
        for (var i = 1; i <= count; i++)
        {
            pool.Add((links[i], segment.Score(row, links[i])));
        }

        pool.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        var kept = SelectNeighbours(segment, pool, maxLinks);
        for (var i = 0; i < kept.Count; i++)
        {
            links[i + 1] = kept[i].Node;
        }

        Volatile.Write(ref links[0], kept.Count);
    }

    private static VisitedSet Visited(int capacity) => t_visited ??= new VisitedSet(capacity);

    private sealed record Entry(int Node, int Level);

    /// <summary>A reusable per-thread visited marker: a generation stamp per node, so resetting costs nothing.</summary>
    private sealed class VisitedSet(int capacity)
    {
        private int[] _stamps = new int[capacity];
        private int _generation;

        public void Reset(int capacity)
        {
            if (_stamps.Length < capacity)
            {
                _stamps = new int[capacity];
                _generation = 0;
            }

            if (++_generation == int.MaxValue)
            {
                Array.Clear(_stamps);
                _generation = 1;
            }
        }

        /// <summary>Marks <paramref name="node"/>; false if it was already marked.</summary>
        public bool Mark(int node)
        {
            if (_stamps[node] == _generation)
            {
                return false;
            }

            _stamps[node] = _generation;
            return true;
        }
    }
}
