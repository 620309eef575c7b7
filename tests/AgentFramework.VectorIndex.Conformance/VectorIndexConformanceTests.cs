using AgentFramework.VectorSearch;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AgentFramework.VectorIndex.Conformance;

/// <summary>
/// The behaviour every <see cref="IVectorIndex"/> must show. A backend's test project derives a class
/// from this one, implements <see cref="CreateIndexAsync"/>, and xunit runs every test below against it.
/// </summary>
/// <remarks>
/// <para>Each test asks for a new, empty index (a remote backend should hand out a fresh collection
/// per call) and releases it through <see cref="DisposeIndexAsync"/>.</para>
/// <para>Time: when <see cref="HonorsTimeProvider"/> is true (the default) the suite passes a
/// <see cref="FakeTimeProvider"/> and expires entries by advancing it, so TTL tests take no real time.
/// A backend whose expiry is judged by a clock it does not control (a server) overrides it to false;
/// the suite then passes <see cref="TimeProvider.System"/>, uses <see cref="RealClockTtl"/> as the
/// TTL and really waits.</para>
/// </remarks>
public abstract class VectorIndexConformanceTests
{
    /// <summary>The dimension most tests use: small keeps failures readable.</summary>
    protected const int Dims = 8;

    /// <summary>Where the fake clock starts.</summary>
    protected static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Creates a new, empty index of <paramref name="dimensions"/> that reads time from <paramref name="timeProvider"/>.</summary>
    protected abstract Task<IVectorIndex> CreateIndexAsync(int dimensions, TimeProvider timeProvider);

    /// <summary>Releases an index made by <see cref="CreateIndexAsync"/>; disposes it by default.</summary>
    protected virtual async ValueTask DisposeIndexAsync(IVectorIndex index)
    {
        switch (index)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    /// <summary>Whether expiry follows the <see cref="TimeProvider"/> given to <see cref="CreateIndexAsync"/>.</summary>
    protected virtual bool HonorsTimeProvider => true;

    /// <summary>The TTL used when <see cref="HonorsTimeProvider"/> is false; the suite waits this long plus a margin.</summary>
    protected virtual TimeSpan RealClockTtl => TimeSpan.FromSeconds(2);

    /// <summary>How far a returned score may be from the exact cosine (quantizing backends may need more).</summary>
    protected virtual float ScoreTolerance => 1e-4f;

    /// <summary>An index plus the clock the test drives.</summary>
    protected sealed class Harness(VectorIndexConformanceTests owner, IVectorIndex index, FakeTimeProvider? fake, TimeSpan ttl) : IAsyncDisposable
    {
        /// <summary>The index under test.</summary>
        public IVectorIndex Index { get; } = index;

        /// <summary>The current time as the index sees it.</summary>
        public DateTimeOffset Now => fake?.GetUtcNow() ?? DateTimeOffset.UtcNow;

        /// <summary>The TTL tests give short-lived entries.</summary>
        public TimeSpan Ttl { get; } = ttl;

        /// <summary>Lets <paramref name="duration"/> pass: instantly on a fake clock, really otherwise.</summary>
        public Task PassAsync(TimeSpan duration)
        {
            if (fake is not null)
            {
                fake.Advance(duration);
                return Task.CompletedTask;
            }

            return Task.Delay(duration);
        }

        /// <inheritdoc />
        public ValueTask DisposeAsync() => owner.DisposeIndexAsync(Index);
    }

    /// <summary>Opens a fresh index for one test.</summary>
    protected async Task<Harness> OpenAsync(int dimensions = Dims)
    {
        if (HonorsTimeProvider)
        {
            var fake = new FakeTimeProvider(Start);
            return new Harness(this, await CreateIndexAsync(dimensions, fake).ConfigureAwait(false), fake, TimeSpan.FromMinutes(10));
        }

        return new Harness(this, await CreateIndexAsync(dimensions, TimeProvider.System).ConfigureAwait(false), null, RealClockTtl);
    }

    private static readonly VectorScope TenantA = VectorScope.Of(("tenant", "a"));
    private static readonly VectorScope TenantB = VectorScope.Of(("tenant", "b"));

    private static VectorEntry Entry(string id, float[] vector, VectorScope? scope = null, string? payload = null, string[]? tags = null, DateTimeOffset? expiresAt = null) =>
        new(id, vector, scope ?? TenantA, payload, tags, expiresAt);

    private static async Task<string[]> IdsAsync(IVectorIndex index, float[] query, VectorScope scope, int topK = 100) =>
        [.. (await index.SearchAsync(query, scope, topK)).Select(m => m.Id)];

    // ---- basics -------------------------------------------------------------------------------

    [Fact]
    public async Task Dimensions_IsTheConfiguredDimension()
    {
        await using var h = await OpenAsync(12);
        Assert.Equal(12, h.Index.Dimensions);
    }

    [Fact]
    public async Task EmptyIndex_SearchReturnsNothing_AndCountsZero()
    {
        await using var h = await OpenAsync();
        Assert.Empty(await h.Index.SearchAsync(TestVectors.Basis(Dims, 0), TenantA, 10));
        Assert.Empty(await h.Index.SearchAsync(TestVectors.Basis(Dims, 0), VectorScope.Empty, 10));
        Assert.Equal(0, await h.Index.CountAsync());
        Assert.Equal(0, await h.Index.CountAsync(TenantA));
        Assert.False(await h.Index.DeleteAsync("missing"));
        Assert.Equal(0, await h.Index.DeleteByScopeAsync(TenantA));
        Assert.Equal(0, await h.Index.DeleteByTagAsync("missing"));
    }

    [Fact]
    public async Task Upsert_ThenSearch_ReturnsEntryWithPayloadTagsAndScoreOne()
    {
        await using var h = await OpenAsync();
        await h.Index.UpsertAsync(Entry("e1", TestVectors.Basis(Dims, 2), payload: "{\"answer\":42}", tags: ["model:x", "step:y"]));

        var match = Assert.Single(await h.Index.SearchAsync(TestVectors.Basis(Dims, 2), TenantA, 5));
        Assert.Equal("e1", match.Id);
        Assert.Equal("{\"answer\":42}", match.Payload);
        Assert.Equal(["model:x", "step:y"], match.Tags.OrderBy(t => t, StringComparer.Ordinal));
        Assert.InRange(match.Score, 1 - ScoreTolerance, 1 + ScoreTolerance);
    }

    [Fact]
    public async Task Upsert_WithoutPayloadOrTags_ReturnsNullPayloadAndNoTags()
    {
        await using var h = await OpenAsync();
        await h.Index.UpsertAsync(Entry("e1", TestVectors.Basis(Dims, 0)));
        var match = Assert.Single(await h.Index.SearchAsync(TestVectors.Basis(Dims, 0), TenantA, 5));
        Assert.Null(match.Payload);
        Assert.Empty(match.Tags);
    }

    [Fact]
    public async Task Vectors_AreNormalized_SoScoresAreCosines()
    {
        await using var h = await OpenAsync();
        await h.Index.UpsertAsync(Entry("long", TestVectors.Of(Dims, 30, 40)));

        var same = Assert.Single(await h.Index.SearchAsync(TestVectors.Of(Dims, 0.6f, 0.8f), TenantA, 1));
        Assert.InRange(same.Score, 1 - ScoreTolerance, 1 + ScoreTolerance);

        var orthogonal = Assert.Single(await h.Index.SearchAsync(TestVectors.Of(Dims, 4, -3), TenantA, 1));
        Assert.InRange(orthogonal.Score, -ScoreTolerance, ScoreTolerance);

        var opposite = Assert.Single(await h.Index.SearchAsync(TestVectors.Of(Dims, -3, -4), TenantA, 1));
        Assert.InRange(opposite.Score, -1 - ScoreTolerance, -1 + ScoreTolerance);

        // Query length must not matter either.
        var scaled = Assert.Single(await h.Index.SearchAsync(TestVectors.Of(Dims, 300, 0), TenantA, 1));
        Assert.InRange(scaled.Score, 0.6f - ScoreTolerance, 0.6f + ScoreTolerance);
    }

    [Fact]
    public async Task Count_CountsPerScopeAndInTotal()
    {
        await using var h = await OpenAsync();
        for (var i = 0; i < 5; i++)
        {
            await h.Index.UpsertAsync(Entry($"a{i}", TestVectors.Basis(Dims, i), TenantA));
        }

        for (var i = 0; i < 3; i++)
        {
            await h.Index.UpsertAsync(Entry($"b{i}", TestVectors.Basis(Dims, i), TenantB));
        }

        Assert.Equal(5, await h.Index.CountAsync(TenantA));
        Assert.Equal(3, await h.Index.CountAsync(TenantB));
        Assert.Equal(0, await h.Index.CountAsync(VectorScope.Of(("tenant", "c"))));
        Assert.Equal(8, await h.Index.CountAsync());
    }

    // ---- scope isolation ------------------------------------------------------------------------

    [Fact]
    public async Task Search_OnlyReturnsEntriesOfTheQueryScope()
    {
        await using var h = await OpenAsync();
        VectorScope[] scopes =
        [
            VectorScope.Empty,
            TenantA,
            TenantB,
            VectorScope.Of(("tenant", "a"), ("user", "1")),
            VectorScope.Of(("tenant", "a"), ("user", "2")),
            VectorScope.Of(("user", "1")),
            VectorScope.Of(("tenant", "a;user=1")),
            VectorScope.Of(("Tenant", "a")),
            VectorScope.Of(("tenant", "A")),
        ];

        var vector = TestVectors.Basis(Dims, 3);
        for (var i = 0; i < scopes.Length; i++)
        {
            await h.Index.UpsertAsync(Entry($"s{i}", vector, scopes[i]));
        }

        for (var i = 0; i < scopes.Length; i++)
        {
            Assert.Equal([$"s{i}"], await IdsAsync(h.Index, vector, scopes[i]));
            Assert.Equal(1, await h.Index.CountAsync(scopes[i]));
        }

        // An equal scope built separately (fields in another order) is the same partition.
        Assert.Equal(["s3"], await IdsAsync(h.Index, vector, VectorScope.Of(("user", "1"), ("tenant", "a"))));
    }

    [Fact]
    public async Task Search_NeverFillsTopKFromOtherScopes_EvenWhenTheyAreCloser()
    {
        await using var h = await OpenAsync();
        var query = TestVectors.Basis(Dims, 0);
        for (var i = 0; i < 50; i++)
        {
            // Tenant B holds vectors almost equal to the query; tenant A only far ones.
            await h.Index.UpsertAsync(Entry($"b{i}", TestVectors.Of(Dims, 1, 0.001f * i), TenantB));
        }

        await h.Index.UpsertAsync(Entry("a-far", TestVectors.Of(Dims, 0.1f, 1), TenantA));
        await h.Index.UpsertAsync(Entry("a-farther", TestVectors.Of(Dims, 0, 1), TenantA));

        Assert.Equal(["a-far", "a-farther"], await IdsAsync(h.Index, query, TenantA, 10));
    }

    // ---- ordering -------------------------------------------------------------------------------

    [Fact]
    public async Task Search_OrdersByDescendingScore_AndCutsAtTopK()
    {
        await using var h = await OpenAsync();
        // Angles 0°, 10°, …, 90° from the query in the plane of the first two axes.
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var angle = i * 10 * MathF.PI / 180;
            ids.Add($"deg{i * 10:D2}");
            await h.Index.UpsertAsync(Entry(ids[^1], TestVectors.Of(Dims, MathF.Cos(angle), MathF.Sin(angle))));
        }

        var results = await h.Index.SearchAsync(TestVectors.Basis(Dims, 0), TenantA, 4);
        Assert.Equal(ids.Take(4), results.Select(r => r.Id));
        for (var i = 0; i < results.Count; i++)
        {
            var expected = MathF.Cos(i * 10 * MathF.PI / 180);
            Assert.InRange(results[i].Score, expected - ScoreTolerance, expected + ScoreTolerance);
        }

        var all = await h.Index.SearchAsync(TestVectors.Basis(Dims, 0), TenantA, 1000);
        Assert.Equal(ids, all.Select(r => r.Id));
    }

    [Fact]
    public async Task Search_BreaksScoreTiesByOrdinalId()
    {
        await using var h = await OpenAsync();
        var v = TestVectors.Basis(Dims, 1);
        foreach (var id in new[] { "b", "a", "B", "aa", "c" })
        {
            await h.Index.UpsertAsync(Entry(id, v));
        }

        Assert.Equal(["B", "a", "aa", "b", "c"], await IdsAsync(h.Index, v, TenantA));
        Assert.Equal(["B", "a"], await IdsAsync(h.Index, v, TenantA, 2));
    }

    [Fact]
    public async Task Search_MatchesBruteForceTopK_OnClusteredData()
    {
        const int dims = 32;
        await using var h = await OpenAsync(dims);
        var random = new Random(1234);
        var vectors = TestVectors.Clustered(random, 300, dims, clusters: 6);
        var entries = vectors.Select((v, i) => Entry($"v{i:D3}", v)).ToList();
        await h.Index.UpsertBatchAsync(entries);

        var queries = TestVectors.Clustered(random, 20, dims, clusters: 6);
        foreach (var query in queries)
        {
            var expected = entries
                .Select(e => (e.Id, Score: TestVectors.Cosine(query, e.Vector.Span)))
                .OrderByDescending(x => x.Score).ThenBy(x => x.Id, StringComparer.Ordinal)
                .Take(10).ToList();
            var actual = await h.Index.SearchAsync(query, TenantA, 10);
            Assert.Equal(expected.Select(x => x.Id), actual.Select(x => x.Id));
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.InRange(actual[i].Score, expected[i].Score - ScoreTolerance, expected[i].Score + ScoreTolerance);
            }
        }
    }

    [Fact]
    public async Task Search_WorksAt384Dimensions()
    {
        const int dims = 384;
        await using var h = await OpenAsync(dims);
        var vectors = TestVectors.Clustered(new Random(7), 64, dims, clusters: 4);
        await h.Index.UpsertBatchAsync([.. vectors.Select((v, i) => Entry($"v{i}", v))]);
        for (var i = 0; i < vectors.Length; i += 9)
        {
            var top = (await h.Index.SearchAsync(vectors[i], TenantA, 1))[0];
            Assert.Equal($"v{i}", top.Id);
            Assert.InRange(top.Score, 1 - ScoreTolerance, 1 + ScoreTolerance);
        }
    }

    // ---- upsert overwrite -------------------------------------------------------------------------

    [Fact]
    public async Task Upsert_SameId_ReplacesVectorPayloadAndTags()
    {
        await using var h = await OpenAsync();
        await h.Index.UpsertAsync(Entry("x", TestVectors.Basis(Dims, 0), payload: "old", tags: ["t-old"]));
        await h.Index.UpsertAsync(Entry("x", TestVectors.Basis(Dims, 1), payload: "new", tags: ["t-new"]));

        Assert.Equal(1, await h.Index.CountAsync());
        var match = Assert.Single(await h.Index.SearchAsync(TestVectors.Basis(Dims, 1), TenantA, 10));
        Assert.Equal("new", match.Payload);
        Assert.Equal(["t-new"], match.Tags);
        Assert.InRange(match.Score, 1 - ScoreTolerance, 1 + ScoreTolerance);

        // The old tag no longer reaches the entry; the new one does.
        Assert.Equal(0, await h.Index.DeleteByTagAsync("t-old"));
        Assert.Equal(1, await h.Index.DeleteByTagAsync("t-new"));
        Assert.Equal(0, await h.Index.CountAsync());
    }

    [Fact]
    public async Task Upsert_SameIdInAnotherScope_MovesTheEntry()
    {
        await using var h = await OpenAsync();
        var v = TestVectors.Basis(Dims, 0);
        await h.Index.UpsertAsync(Entry("x", v, TenantA));
        await h.Index.UpsertAsync(Entry("x", v, TenantB));

        Assert.Empty(await h.Index.SearchAsync(v, TenantA, 10));
        Assert.Equal(["x"], await IdsAsync(h.Index, v, TenantB));
        Assert.Equal(0, await h.Index.CountAsync(TenantA));
        Assert.Equal(1, await h.Index.CountAsync(TenantB));
        Assert.Equal(1, await h.Index.CountAsync());
    }

    [Fact]
    public async Task UpsertBatch_StoresAll_LaterDuplicatesWin()
    {
        await using var h = await OpenAsync();
        await h.Index.UpsertBatchAsync(
        [
            Entry("a", TestVectors.Basis(Dims, 0), payload: "first"),
            Entry("b", TestVectors.Basis(Dims, 1)),
            Entry("a", TestVectors.Basis(Dims, 2), payload: "second"),
            Entry("c", TestVectors.Basis(Dims, 3), TenantB),
        ]);

        Assert.Equal(3, await h.Index.CountAsync());
        Assert.Equal(2, await h.Index.CountAsync(TenantA));
        var a = (await h.Index.SearchAsync(TestVectors.Basis(Dims, 2), TenantA, 1))[0];
        Assert.Equal(("a", "second"), (a.Id, a.Payload));
        Assert.InRange(a.Score, 1 - ScoreTolerance, 1 + ScoreTolerance);
    }

    [Fact]
    public async Task UpsertBatch_Empty_IsANoOp()
    {
        await using var h = await OpenAsync();
        await h.Index.UpsertBatchAsync([]);
        Assert.Equal(0, await h.Index.CountAsync());
    }

    // ---- deletes --------------------------------------------------------------------------------

    [Fact]
    public async Task Delete_RemovesOnlyThatEntry_AndReportsWhetherItExisted()
    {
        await using var h = await OpenAsync();
        var v = TestVectors.Basis(Dims, 0);
        await h.Index.UpsertAsync(Entry("keep", v));
        await h.Index.UpsertAsync(Entry("drop", v));

        Assert.True(await h.Index.DeleteAsync("drop"));
        Assert.False(await h.Index.DeleteAsync("drop"));
        Assert.Equal(["keep"], await IdsAsync(h.Index, v, TenantA));
        Assert.Equal(1, await h.Index.CountAsync());

        // A deleted id can be used again.
        await h.Index.UpsertAsync(Entry("drop", v, payload: "again"));
        Assert.Equal(["drop", "keep"], await IdsAsync(h.Index, v, TenantA));
    }

    [Fact]
    public async Task DeleteByScope_RemovesExactlyThatScope()
    {
        await using var h = await OpenAsync();
        var v = TestVectors.Basis(Dims, 0);
        var nested = VectorScope.Of(("tenant", "a"), ("user", "1"));
        for (var i = 0; i < 4; i++)
        {
            await h.Index.UpsertAsync(Entry($"a{i}", v, TenantA));
        }

        await h.Index.UpsertAsync(Entry("b0", v, TenantB));
        await h.Index.UpsertAsync(Entry("n0", v, nested));

        Assert.Equal(4, await h.Index.DeleteByScopeAsync(TenantA));
        Assert.Empty(await h.Index.SearchAsync(v, TenantA, 10));
        Assert.Equal(["b0"], await IdsAsync(h.Index, v, TenantB));
        Assert.Equal(["n0"], await IdsAsync(h.Index, v, nested));
        Assert.Equal(2, await h.Index.CountAsync());
        Assert.Equal(0, await h.Index.DeleteByScopeAsync(TenantA));

        // The scope can be filled again.
        await h.Index.UpsertAsync(Entry("a9", v, TenantA));
        Assert.Equal(["a9"], await IdsAsync(h.Index, v, TenantA));
    }

    [Fact]
    public async Task DeleteByTag_RemovesTaggedEntriesInEveryScope()
    {
        await using var h = await OpenAsync();
        var v = TestVectors.Basis(Dims, 0);
        await h.Index.UpsertAsync(Entry("a-t", v, TenantA, tags: ["t"]));
        await h.Index.UpsertAsync(Entry("a-tu", v, TenantA, tags: ["u", "t"]));
        await h.Index.UpsertAsync(Entry("b-t", v, TenantB, tags: ["t"]));
        await h.Index.UpsertAsync(Entry("a-u", v, TenantA, tags: ["u"]));
        await h.Index.UpsertAsync(Entry("a-none", v, TenantA));
        await h.Index.UpsertAsync(Entry("a-T", v, TenantA, tags: ["T"]));

        Assert.Equal(3, await h.Index.DeleteByTagAsync("t"));
        Assert.Equal(["a-T", "a-none", "a-u"], await IdsAsync(h.Index, v, TenantA));
        Assert.Empty(await h.Index.SearchAsync(v, TenantB, 10));
        Assert.Equal(1, await h.Index.DeleteByTagAsync("u"));
        Assert.Equal(0, await h.Index.DeleteByTagAsync("t"));
        Assert.Equal(2, await h.Index.CountAsync());
    }

    // ---- TTL ------------------------------------------------------------------------------------

    [Fact]
    public async Task ExpiredEntries_AreNotReturned_AndNotCounted()
    {
        await using var h = await OpenAsync();
        var v = TestVectors.Basis(Dims, 0);
        await h.Index.UpsertAsync(Entry("short", v, expiresAt: h.Now + h.Ttl));
        await h.Index.UpsertAsync(Entry("forever", v));
        await h.Index.UpsertAsync(Entry("long", v, expiresAt: h.Now + (h.Ttl * 100)));

        Assert.Equal(["forever", "long", "short"], await IdsAsync(h.Index, v, TenantA));
        Assert.Equal(3, await h.Index.CountAsync(TenantA));

        await h.PassAsync(h.Ttl + TimeSpan.FromSeconds(1));

        Assert.Equal(["forever", "long"], await IdsAsync(h.Index, v, TenantA));
        Assert.Equal(2, await h.Index.CountAsync(TenantA));
        Assert.Equal(2, await h.Index.CountAsync());
    }

    [Fact]
    public async Task ExpiredEntries_DoNotTakeTopKSlots()
    {
        await using var h = await OpenAsync();
        var query = TestVectors.Basis(Dims, 0);
        for (var i = 0; i < 5; i++)
        {
            await h.Index.UpsertAsync(Entry($"near{i}", TestVectors.Of(Dims, 1, 0.01f * i), expiresAt: h.Now + h.Ttl));
        }

        await h.Index.UpsertAsync(Entry("far", TestVectors.Of(Dims, 0.5f, 1)));
        await h.PassAsync(h.Ttl + TimeSpan.FromSeconds(1));

        Assert.Equal(["far"], await IdsAsync(h.Index, query, TenantA, 3));
    }

    [Fact]
    public async Task Upsert_AlreadyExpired_IsNeverReturned()
    {
        await using var h = await OpenAsync();
        var v = TestVectors.Basis(Dims, 0);
        await h.Index.UpsertAsync(Entry("past", v, expiresAt: h.Now - TimeSpan.FromMinutes(1)));
        Assert.Empty(await h.Index.SearchAsync(v, TenantA, 10));
        Assert.Equal(0, await h.Index.CountAsync());
    }

    [Fact]
    public async Task Upsert_ReplacesTheExpiry()
    {
        await using var h = await OpenAsync();
        var v = TestVectors.Basis(Dims, 0);
        await h.Index.UpsertAsync(Entry("x", v, expiresAt: h.Now + h.Ttl));
        await h.Index.UpsertAsync(Entry("x", v, expiresAt: null));
        await h.Index.UpsertAsync(Entry("y", v));
        await h.Index.UpsertAsync(Entry("y", v, expiresAt: h.Now + h.Ttl));

        await h.PassAsync(h.Ttl + TimeSpan.FromSeconds(1));

        Assert.Equal(["x"], await IdsAsync(h.Index, v, TenantA));
    }

    // ---- bad input --------------------------------------------------------------------------------

    [Fact]
    public async Task Upsert_WrongDimension_ThrowsArgumentExceptionNamingBothDimensions()
    {
        await using var h = await OpenAsync();
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Index.UpsertAsync(Entry("x", new float[5] { 1, 0, 0, 0, 0 })).AsTask());
        Assert.Contains("8", ex.Message, StringComparison.Ordinal);
        Assert.Contains("5", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, await h.Index.CountAsync());
    }

    [Fact]
    public async Task Search_WrongDimension_ThrowsArgumentExceptionNamingBothDimensions()
    {
        await using var h = await OpenAsync();
        await h.Index.UpsertAsync(Entry("x", TestVectors.Basis(Dims, 0)));
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Index.SearchAsync(new float[11], TenantA, 3).AsTask());
        Assert.Contains("8", ex.Message, StringComparison.Ordinal);
        Assert.Contains("11", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public async Task NonFiniteVectors_AreRejected(float bad)
    {
        await using var h = await OpenAsync();
        var vector = TestVectors.Of(Dims, 1, bad);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Index.UpsertAsync(Entry("x", vector)).AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Index.SearchAsync(vector, TenantA, 3).AsTask());
        Assert.Equal(0, await h.Index.CountAsync());
    }

    [Fact]
    public async Task ZeroVectors_AreRejected()
    {
        await using var h = await OpenAsync();
        var zero = new float[Dims];
        await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Index.UpsertAsync(Entry("x", zero)).AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Index.SearchAsync(zero, TenantA, 3).AsTask());
        Assert.Equal(0, await h.Index.CountAsync());
    }

    [Fact]
    public async Task UpsertBatch_WithOneBadEntry_StoresNothing()
    {
        await using var h = await OpenAsync();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Index.UpsertBatchAsync(
        [
            Entry("good1", TestVectors.Basis(Dims, 0)),
            Entry("bad", new float[Dims]),
            Entry("good2", TestVectors.Basis(Dims, 1)),
        ]).AsTask());
        Assert.Equal(0, await h.Index.CountAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Search_NonPositiveTopK_Throws(int topK)
    {
        await using var h = await OpenAsync();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Index.SearchAsync(TestVectors.Basis(Dims, 0), TenantA, topK).AsTask());
    }

    [Fact]
    public async Task NullArguments_Throw()
    {
        await using var h = await OpenAsync();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Index.UpsertAsync(null!).AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Index.UpsertBatchAsync(null!).AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Index.SearchAsync(TestVectors.Basis(Dims, 0), null!, 3).AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Index.DeleteAsync(null!).AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Index.DeleteByScopeAsync(null!).AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Index.DeleteByTagAsync(null!).AsTask());
    }

    [Fact]
    public async Task CancelledToken_Throws()
    {
        await using var h = await OpenAsync();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var v = TestVectors.Basis(Dims, 0);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Index.UpsertAsync(Entry("x", v), cts.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Index.SearchAsync(v, TenantA, 1, cts.Token).AsTask());
    }

    // ---- concurrency ------------------------------------------------------------------------------

    [Fact]
    public async Task ConcurrentWritersAndReaders_LoseNothing_AndNeverCrossScopes()
    {
        await using var h = await OpenAsync();
        var scopes = Enumerable.Range(0, 4).Select(i => VectorScope.Of(("tenant", $"c{i}"))).ToArray();
        var random = new Random(99);
        var vectors = Enumerable.Range(0, 200).Select(_ => TestVectors.RandomUnit(random, Dims)).ToArray();

        var writers = scopes.Select((scope, s) => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await h.Index.UpsertAsync(Entry($"c{s}-{i}", vectors[(s * 50) + i], scope));
            }
        }));
        var readers = scopes.Select((scope, s) => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                foreach (var match in await h.Index.SearchAsync(vectors[i], scope, 5))
                {
                    Assert.StartsWith($"c{s}-", match.Id, StringComparison.Ordinal);
                }
            }
        }));
        await Task.WhenAll(writers.Concat(readers));

        Assert.Equal(200, await h.Index.CountAsync());
        foreach (var scope in scopes)
        {
            Assert.Equal(50, await h.Index.CountAsync(scope));
        }
    }
}
