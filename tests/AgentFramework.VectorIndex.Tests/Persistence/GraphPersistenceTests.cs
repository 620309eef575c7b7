using AgentFramework.VectorIndex.Conformance;
using AgentFramework.VectorSearch;

namespace AgentFramework.VectorIndex.Tests.Persistence;

/// <summary>
/// The HNSW graph is written next to each snapshot and read back on open instead of being rebuilt; a
/// damaged or missing graph file must only cost a rebuild, never the open or a wrong result.
/// </summary>
public sealed class GraphPersistenceTests
{
    private const int Dims = 24;
    private static readonly VectorScope Big = VectorScope.Of(("tenant", "big"));
    private static readonly VectorScope Small = VectorScope.Of(("tenant", "small"));

    public static TheoryData<bool> Lean => [false, true];

    private static EmbeddedVectorIndexOptions Options(string directory, bool lean) => new()
    {
        Dimensions = Dims,
        Directory = directory,
        AnnThreshold = 100,
        AnnExpansionSearch = 1000, // more than the scope holds: the walk reaches every node, so results are exact
        MemoryMappedVectors = lean,
        MapRowsAbove = 100, // the big scope moves its rows into a file as it grows
    };

    /// <summary>Writes 400 entries to a graph scope (deleting every fifth, so the snapshot renumbers rows) and 20 to a scan scope.</summary>
    private static async Task<float[][]> FillAsync(EmbeddedVectorIndex index)
    {
        var vectors = TestVectors.Clustered(new Random(11), 420, Dims, clusters: 12);
        for (var i = 0; i < 400; i++)
        {
            await index.UpsertAsync(new VectorEntry($"b{i}", vectors[i], Big, $"p{i}"));
        }

        for (var i = 0; i < 400; i += 5)
        {
            Assert.True(await index.DeleteAsync($"b{i}"));
        }

        for (var i = 400; i < 420; i++)
        {
            await index.UpsertAsync(new VectorEntry($"s{i}", vectors[i], Small));
        }

        return vectors;
    }

    /// <summary>Every live big-scope entry must find itself first, with its exact score.</summary>
    /// <summary>Fills an index in <paramref name="directory"/> and compacts it, so a snapshot and its graph file are on disk.</summary>
    private static async Task<float[][]> SaveWithGraphAsync(string directory)
    {
        using var index = new EmbeddedVectorIndex(Options(directory, lean: false));
        var vectors = await FillAsync(index);
        await index.CompactAsync();
        return vectors;
    }

    private static async Task AssertFindsEverythingAsync(EmbeddedVectorIndex index, float[][] vectors, int expectedBig = 320)
    {
        Assert.Equal(expectedBig, await index.CountAsync(Big));
        Assert.Equal(20, await index.CountAsync(Small));
        for (var i = 1; i < 400; i++)
        {
            if (i % 5 == 0)
            {
                continue;
            }

            var found = await index.SearchAsync(vectors[i], Big, 3);
            Assert.Equal($"b{i}", found[0].Id);
            Assert.Equal($"p{i}", found[0].Payload);
            Assert.Equal(1f, found[0].Score, 4);
            Assert.Equal(TestVectors.Cosine(vectors[i], vectors[int.Parse(found[1].Id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)]), found[1].Score, 4);
        }
    }

    [Theory]
    [MemberData(nameof(Lean))]
    public async Task Snapshot_WritesTheGraph_AndReopenLoadsItInsteadOfRebuilding(bool lean)
    {
        using var directory = new TempDirectory();
        float[][] vectors;
        using (var index = new EmbeddedVectorIndex(Options(directory.Path, lean)))
        {
            vectors = await FillAsync(index);
            await index.CompactAsync();
        }

        Assert.Single(Directory.GetFiles(directory.Path, "*.graph"));
        using (var reopened = new EmbeddedVectorIndex(Options(directory.Path, lean)))
        {
            Assert.Equal(1, reopened.Recovery!.GraphsLoaded);
            Assert.Equal(0, reopened.Recovery.GraphsRebuilt);
            await AssertFindsEverythingAsync(reopened, vectors);

            // The loaded graph keeps growing with new writes, and the next snapshot carries them.
            var extra = TestVectors.RandomUnit(new Random(99), Dims);
            await reopened.UpsertAsync(new VectorEntry("late", extra, Big));
            Assert.Equal("late", (await reopened.SearchAsync(extra, Big, 1))[0].Id);
            await reopened.CompactAsync();
        }

        using var third = new EmbeddedVectorIndex(Options(directory.Path, lean));
        Assert.Equal(1, third.Recovery!.GraphsLoaded);
        Assert.Equal(321, await third.CountAsync(Big));
    }

    [Theory]
    [MemberData(nameof(Lean))]
    public async Task LogAfterTheSnapshot_IsReplayedIntoTheLoadedGraph(bool lean)
    {
        using var directory = new TempDirectory();
        var vectors = await SaveWithGraphAsync(directory.Path);
        var late = TestVectors.Clustered(new Random(31), 200, Dims, clusters: 12);
        using (var index = new EmbeddedVectorIndex(Options(directory.Path, lean)))
        {
            for (var i = 0; i < late.Length; i++)
            {
                await index.UpsertAsync(new VectorEntry($"late{i}", late[i], Big)); // logged, no snapshot
            }
        }

        var options = Options(directory.Path, lean);
        options.AnnBuildThreads = 4; // the replayed rows are linked together, in parallel
        using var reopened = new EmbeddedVectorIndex(options);
        Assert.Equal(1, reopened.Recovery!.GraphsLoaded);
        Assert.True(reopened.Recovery.LogRecords >= 200);
        Assert.Equal(520, await reopened.CountAsync(Big));
        await AssertFindsEverythingAsync(reopened, vectors, expectedBig: 520);
        for (var i = 0; i < late.Length; i++)
        {
            Assert.Equal($"late{i}", (await reopened.SearchAsync(late[i], Big, 1))[0].Id);
        }
    }

    public static TheoryData<string> Damage => ["flip-byte", "truncate", "delete", "bad-header", "empty"];

    [Theory]
    [MemberData(nameof(Damage))]
    public async Task DamagedOrMissingGraphFile_IsRebuilt_AndTheOpenSucceeds(string damage)
    {
        using var directory = new TempDirectory();
        var vectors = await SaveWithGraphAsync(directory.Path);

        var path = Assert.Single(Directory.GetFiles(directory.Path, "*.graph"));
        var bytes = await File.ReadAllBytesAsync(path);
        switch (damage)
        {
            case "flip-byte":
                bytes[bytes.Length / 2] ^= 0x40;
                await File.WriteAllBytesAsync(path, bytes);
                break;
            case "truncate":
                await File.WriteAllBytesAsync(path, bytes[..(bytes.Length * 2 / 3)]);
                break;
            case "delete":
                File.Delete(path);
                break;
            case "bad-header":
                bytes[4] = 0x7F; // an unknown format version
                await File.WriteAllBytesAsync(path, bytes);
                break;
            case "empty":
                await File.WriteAllBytesAsync(path, []);
                break;
        }

        using var reopened = new EmbeddedVectorIndex(Options(directory.Path, lean: false));
        Assert.Equal(0, reopened.Recovery!.GraphsLoaded);
        Assert.Equal(1, reopened.Recovery.GraphsRebuilt);
        await AssertFindsEverythingAsync(reopened, vectors);
    }

    [Fact]
    public async Task GraphOfAnotherConnectivity_IsRebuiltWithTheConfiguredOne()
    {
        using var directory = new TempDirectory();
        var vectors = await SaveWithGraphAsync(directory.Path);

        var options = Options(directory.Path, lean: false);
        options.AnnConnectivity = 8;
        using var reopened = new EmbeddedVectorIndex(options);
        Assert.Equal(0, reopened.Recovery!.GraphsLoaded);
        Assert.Equal(1, reopened.Recovery.GraphsRebuilt);
        await AssertFindsEverythingAsync(reopened, vectors);
    }

    [Fact]
    public async Task ThresholdRaisedAboveTheScope_LeavesTheSavedGraphUnused_AndSearchesExact()
    {
        using var directory = new TempDirectory();
        var vectors = await SaveWithGraphAsync(directory.Path);

        var options = Options(directory.Path, lean: false);
        options.AnnThreshold = 10_000;
        using var reopened = new EmbeddedVectorIndex(options);
        Assert.Equal(0, reopened.Recovery!.GraphsLoaded);
        Assert.Equal(0, reopened.Recovery.GraphsRebuilt);
        await AssertFindsEverythingAsync(reopened, vectors);
    }

    [Fact]
    public async Task MemoryMappedVectors_KeepSmallScopesOnTheHeap_AndMoveAGrowingScopeIntoItsFile()
    {
        var vectors = TestVectors.Clustered(new Random(8), 300, Dims, clusters: 6);
        using var index = new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = Dims, MemoryMappedVectors = true, MapRowsAbove = 64 });
        for (var i = 0; i < 40; i++)
        {
            await index.UpsertAsync(new VectorEntry($"v{i}", vectors[i], Big));
        }

        Assert.Null(index.PartitionOf(Big)!.Segment.RowFile);
        Assert.True(index.PartitionOf(Big)!.Segment.Quantized);
        for (var i = 40; i < 300; i++)
        {
            await index.UpsertAsync(new VectorEntry($"v{i}", vectors[i], Big));
        }

        Assert.NotNull(index.PartitionOf(Big)!.Segment.RowFile);

        // Rows written before and after the move are read back exactly.
        foreach (var i in new[] { 0, 17, 39, 40, 63, 64, 65, 200, 299 })
        {
            var found = await index.SearchAsync(vectors[i], Big, 2);
            Assert.Equal($"v{i}", found[0].Id);
            Assert.Equal(1f, found[0].Score, 5);
            Assert.Equal(TestVectors.Cosine(vectors[i], vectors[int.Parse(found[1].Id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)]), found[1].Score, 5);
        }
    }

    [Fact]
    public async Task MemoryMappedRows_SurviveReopen_FromLogAndFromSnapshot_AndLeaveNoFilesBehind()
    {
        using var directory = new TempDirectory();
        var vectors = TestVectors.Clustered(new Random(3), 300, Dims, clusters: 6);
        var options = new EmbeddedVectorIndexOptions { Dimensions = Dims, Directory = directory.Path, MemoryMappedVectors = true, MapRowsAbove = 0 };
        using (var index = new EmbeddedVectorIndex(options))
        {
            for (var i = 0; i < 200; i++)
            {
                await index.UpsertAsync(new VectorEntry($"v{i}", vectors[i], Big));
            }

            await index.CompactAsync(); // the first 200 come back from the snapshot, the rest from the log
            for (var i = 200; i < 300; i++)
            {
                await index.UpsertAsync(new VectorEntry($"v{i}", vectors[i], Big));
            }

            Assert.Empty(Directory.GetFiles(directory.Path, "rows-*"));
        }

        using (var reopened = new EmbeddedVectorIndex(options))
        {
            Assert.Equal(300, await reopened.CountAsync());
            for (var i = 0; i < 300; i += 7)
            {
                var found = await reopened.SearchAsync(vectors[i], Big, 2);
                Assert.Equal($"v{i}", found[0].Id);
                Assert.Equal(1f, found[0].Score, 5);
                Assert.Equal(TestVectors.Cosine(vectors[i], vectors[int.Parse(found[1].Id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)]), found[1].Score, 5);
            }
        }

        Assert.Empty(Directory.GetFiles(directory.Path, "rows-*"));
    }
}
