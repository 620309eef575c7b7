using AgentFramework.VectorIndex.Conformance;
using AgentFramework.VectorIndex.Storage;
using AgentFramework.VectorSearch;

namespace AgentFramework.VectorIndex.Tests.Storage;

/// <summary>Graphs linked on several threads: well-formed lists, recall against brute force, reproducible on one thread.</summary>
public sealed class GraphBuildTests
{
    private const int Dims = 32;
    private const int Count = 2000;
    private static readonly float[][] Vectors = TestVectors.Clustered(new Random(11), Count, Dims, clusters: 20);

    [Theory]
    [InlineData(false, 4)]
    [InlineData(true, 4)]
    [InlineData(false, 1)]
    public void ParallelLinking_GivesWellFormedListsAndFindsTheNearest(bool quantize, int threads)
    {
        var (segment, graph) = Build(quantize, threads);

        Assert.Equal(Count, graph.Count);
        for (var node = 0; node < Count; node++)
        {
            for (var level = 0; level <= graph.LevelOf(node); level++)
            {
                var neighbours = graph.NeighboursOf(node, level);
                Assert.DoesNotContain(node, neighbours);
                Assert.Equal(neighbours.Length, neighbours.Distinct().Count());
                Assert.All(neighbours, n => Assert.InRange(n, 0, Count - 1));
                Assert.All(neighbours, n => Assert.True(graph.LevelOf(n) >= level, $"node {n} is linked on layer {level} it is not on"));
            }

            Assert.NotEmpty(graph.NeighboursOf(node, 0));
        }

        // Parallel linking may not cost recall against the one-thread graph (the sequential algorithm).
        var recall = Recall(segment, graph);
        var sequential = threads == 1 ? recall : Recall(Build(quantize, threads: 1).Segment, Build(quantize, threads: 1).Graph);
        Assert.True(recall >= 0.9, $"recall@10 {recall:F3}");
        Assert.True(recall >= sequential - 0.02, $"recall@10 {recall:F3} on {threads} threads, {sequential:F3} on one");
    }

    private static double Recall(Segment segment, HnswGraph graph)
    {
        var queries = TestVectors.Clustered(new Random(12), 100, Dims, clusters: 20);
        double recall = 0;
        foreach (var query in queries)
        {
            var top = new TopK(10);
            graph.Search(segment, query, 64, 40, 0, ref top);
            var found = top.ToSortedArray().Select(x => x.Record.Id).ToHashSet();
            var truth = Enumerable.Range(0, Count).OrderByDescending(i => TestVectors.Cosine(query, Vectors[i])).Take(10).Select(i => $"v{i}");
            recall += truth.Count(found.Contains) / 10.0;
        }

        return recall / queries.Length;
    }

    [Fact]
    public void OneThread_LinksTheSameGraphEveryTime()
    {
        var (_, first) = Build(quantize: false, threads: 1);
        var (_, second) = Build(quantize: false, threads: 1);

        for (var node = 0; node < Count; node++)
        {
            Assert.Equal(first.LevelOf(node), second.LevelOf(node));
            for (var level = 0; level <= first.LevelOf(node); level++)
            {
                Assert.Equal(first.NeighboursOf(node, level), second.NeighboursOf(node, level));
            }
        }
    }

    [Fact]
    public void InsertRange_NotFollowingTheLinkedNodes_Throws()
    {
        var (segment, graph) = Build(quantize: false, threads: 1, rows: 100, linked: 50);

        Assert.Throws<InvalidOperationException>(() => graph.InsertRange(segment, 60, 100, 1)); // skips 50..59
        Assert.Throws<InvalidOperationException>(() => graph.InsertRange(segment, 50, 101, 1)); // past the rows
        graph.InsertRange(segment, 50, 100, 1);
        Assert.Equal(100, graph.Count);
    }

    /// <summary>Rows 0..rows-1 in a segment; the first <paramref name="linked"/> linked in two ranges (the second extends a graph).</summary>
    private static (Segment Segment, HnswGraph Graph) Build(bool quantize, int threads, int rows = Count, int? linked = null)
    {
        var segment = new Segment(Dims, rows, quantize);
        for (var i = 0; i < rows; i++)
        {
            segment.Append(new EntryRecord($"v{i}", VectorScope.Of(("tenant", "a")), null, [], EntryRecord.Never, i), Vectors[i]);
        }

        var graph = new HnswGraph(m: 16, efConstruction: 100, capacity: rows);
        var to = linked ?? rows;
        graph.InsertRange(segment, 0, to / 2, threads);
        graph.InsertRange(segment, to / 2, to, threads);
        return (segment, graph);
    }
}
