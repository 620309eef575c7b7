using System.Runtime.InteropServices;

namespace AgentFramework.VectorIndex.Storage;

/// <summary>Reading and writing a graph alongside a snapshot (little-endian hosts only; others rebuild on open).</summary>
internal sealed partial class HnswGraph
{
    /// <summary>
    /// Writes the graph restricted to rows with <c>remap[slot] ≥ 0</c>, renumbered to <c>remap[slot]</c>
    /// (ascending, as the snapshot lists the rows): dead rows are dropped with their links, so a graph
    /// read back covers exactly the rows the snapshot restores. Writer only.
    /// </summary>
    /// <remarks>
    /// Layout: M, efConstruction, node count, entry node, entry level; the bottom layer as one block of
    /// fixed-size lists (count, ids, zero padding); one level byte per node; then the upper-layer lists of
    /// every node that has them, in node order.
    /// </remarks>
    public void Write(BinaryWriter writer, ReadOnlySpan<int> remap, int nodes)
    {
        var n = Count;
        var entry = _entry;
        var (entryNode, entryLevel) = (-1, 0);
        if (entry is not null && entry.Node < remap.Length && remap[entry.Node] >= 0)
        {
            (entryNode, entryLevel) = (remap[entry.Node], entry.Level);
        }
        else
        {
            // The entry row was deleted: the highest surviving node takes its place.
            for (var i = 0; i < n; i++)
            {
                if (remap[i] >= 0 && (entryNode < 0 || LevelOf(i) > entryLevel))
                {
                    (entryNode, entryLevel) = (remap[i], LevelOf(i));
                }
            }
        }

        writer.Write(_m);
        writer.Write(_efConstruction);
        writer.Write(nodes);
        writer.Write(entryNode);
        writer.Write(entryLevel);
        var list = new int[Math.Max(_stride0, _strideUp)];
        for (var i = 0; i < n; i++)
        {
            if (remap[i] >= 0)
            {
                WriteList(writer, Links(i, 0), remap, list.AsSpan(0, _stride0));
            }
        }

        for (var i = 0; i < n; i++)
        {
            if (remap[i] >= 0)
            {
                writer.Write((byte)LevelOf(i));
            }
        }

        for (var i = 0; i < n; i++)
        {
            if (remap[i] < 0)
            {
                continue;
            }

            for (var level = 1; level <= LevelOf(i); level++)
            {
                WriteList(writer, Links(i, level), remap, list.AsSpan(0, _strideUp));
            }
        }
    }

    /// <summary>
    /// Reads a graph written by <see cref="Write"/> with room for <paramref name="capacity"/> nodes, inserting
    /// later nodes with <paramref name="efConstruction"/> (the current setting, not the one it was built with);
    /// <c>null</c> when the data is inconsistent (ids out of range, lists too long, wrong M).
    /// </summary>
    /// <exception cref="EndOfStreamException">The data ends early.</exception>
    public static HnswGraph? Read(BinaryReader reader, int expectedM, int efConstruction, int capacity)
    {
        var m = reader.ReadInt32();
        var builtWith = reader.ReadInt32();
        var n = reader.ReadInt32();
        var entryNode = reader.ReadInt32();
        var entryLevel = reader.ReadInt32();
        if (m != expectedM || builtWith < 1 || n < 0 || n > capacity || (n > 0 && (uint)entryNode >= (uint)n) || (uint)entryLevel > MaxLevel)
        {
            return null;
        }

        var graph = new HnswGraph(m, efConstruction, capacity);
        var level0 = graph._level0.AsSpan(0, n * graph._stride0);
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(level0));
        var levels = reader.ReadBytes(n);
        if (levels.Length < n)
        {
            throw new EndOfStreamException();
        }

        for (var i = 0; i < n; i++)
        {
            if (!Valid(graph.Links(i, 0), graph._m0, n))
            {
                return null;
            }

            int level = levels[i];
            if (level > MaxLevel || (i == entryNode && level != entryLevel))
            {
                return null;
            }

            if (level > 0)
            {
                var upper = new int[level * graph._strideUp];
                reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(upper.AsSpan()));
                graph._upper[i] = upper;
                for (var l = 1; l <= level; l++)
                {
                    if (!Valid(graph.Links(i, l), m, n))
                    {
                        return null;
                    }
                }
            }
        }

        // An upper-layer link must lead to a node that has that layer (readers index its list there).
        for (var i = 0; i < n; i++)
        {
            for (var l = 1; l <= levels[i]; l++)
            {
                var links = graph.Links(i, l);
                for (var j = 1; j <= links[0]; j++)
                {
                    if (levels[links[j]] < l)
                    {
                        return null;
                    }
                }
            }
        }

        graph._count = n;
        graph._entry = n > 0 ? new Entry(entryNode, entryLevel) : null;
        graph._buildEntry = graph._entry;
        return graph;
    }

    private static void WriteList(BinaryWriter writer, ReadOnlySpan<int> links, ReadOnlySpan<int> remap, Span<int> list)
    {
        list.Clear();
        var count = Math.Min(links[0], links.Length - 1);
        var kept = 0;
        for (var j = 1; j <= count; j++)
        {
            var target = remap[links[j]];
            if (target >= 0)
            {
                list[++kept] = target;
            }
        }

        list[0] = kept;
        writer.Write(MemoryMarshal.AsBytes(list));
    }

    private static bool Valid(ReadOnlySpan<int> links, int max, int nodes)
    {
        var count = links[0];
        if ((uint)count > (uint)max)
        {
            return false;
        }

        for (var j = 1; j <= count; j++)
        {
            if ((uint)links[j] >= (uint)nodes)
            {
                return false;
            }
        }

        return true;
    }
}
