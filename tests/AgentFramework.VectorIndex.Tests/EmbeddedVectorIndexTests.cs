using AgentFramework.VectorIndex.Conformance;
using AgentFramework.VectorSearch;
using Microsoft.Extensions.Time.Testing;

namespace AgentFramework.VectorIndex.Tests;

/// <summary>Behaviour specific to the embedded index (the shared contract is in the conformance suites).</summary>
public sealed class EmbeddedVectorIndexTests
{
    private const int Dims = 8;
    private static readonly VectorScope A = VectorScope.Of(("tenant", "a"));

    private static VectorEntry Entry(int i, DateTimeOffset? expiresAt = null) =>
        new($"e{i}", TestVectors.RandomUnit(new Random(i), Dims), A, $"p{i}", expiresAt: expiresAt);

    [Fact]
    public async Task AtCapacity_LeastRecentlyUsedEntriesAreEvicted()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var index = new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = Dims, Capacity = 20 }, time);
        for (var i = 0; i < 20; i++)
        {
            await index.UpsertAsync(Entry(i));
        }

        // Use the first ten later than the rest were written.
        time.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 10; i++)
        {
            var top = await index.SearchAsync(Entry(i).Vector, A, 1);
            Assert.Equal($"e{i}", top[0].Id);
        }

        for (var i = 20; i < 30; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await index.UpsertAsync(Entry(i));
        }

        Assert.Equal(20, await index.CountAsync());
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal($"e{i}", (await index.SearchAsync(Entry(i).Vector, A, 1))[0].Id);
        }
    }

    [Fact]
    public async Task AtCapacity_OldestWrittenPolicy_EvictsByWriteOrder()
    {
        using var index = new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = Dims, Capacity = 20, EvictionPolicy = VectorEvictionPolicy.OldestWritten });
        for (var i = 0; i < 40; i++)
        {
            await index.UpsertAsync(Entry(i));
        }

        Assert.Equal(20, await index.CountAsync());

        // Sampling is approximate, so allow a few early ones to survive, but the newest must all be there.
        var newest = 0;
        for (var i = 35; i < 40; i++)
        {
            newest += (await index.SearchAsync(Entry(i).Vector, A, 1))[0].Id == $"e{i}" ? 1 : 0;
        }

        Assert.Equal(5, newest);
    }

    [Fact]
    public async Task AtCapacity_ExpiredEntriesGoBeforeLiveOnes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var index = new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = Dims, Capacity = 10 }, time);
        for (var i = 0; i < 5; i++)
        {
            await index.UpsertAsync(Entry(i, time.GetUtcNow().AddSeconds(10)));
        }

        for (var i = 5; i < 10; i++)
        {
            await index.UpsertAsync(Entry(i));
        }

        time.Advance(TimeSpan.FromMinutes(1));
        for (var i = 10; i < 15; i++)
        {
            await index.UpsertAsync(Entry(i));
        }

        Assert.Equal(10, await index.CountAsync());
        for (var i = 5; i < 15; i++)
        {
            Assert.Equal($"e{i}", (await index.SearchAsync(Entry(i).Vector, A, 1))[0].Id);
        }
    }

    [Fact]
    public async Task AfterDispose_CallsThrowObjectDisposed()
    {
        var index = new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = Dims });
        await index.DisposeAsync();
        await index.DisposeAsync(); // idempotent
        await Assert.ThrowsAsync<ObjectDisposedException>(() => index.UpsertAsync(Entry(1)).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => index.SearchAsync(Entry(1).Vector, A, 1).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => index.CountAsync().AsTask());
    }

    [Fact]
    public async Task ScopeCrossingTheAnnThreshold_KeepsFindingEverything_WhileItGrowsAndCompacts()
    {
        using var index = new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = 32, AnnThreshold = 200 });
        var random = new Random(5);
        var vectors = TestVectors.Clustered(random, 1500, 32, clusters: 15);
        for (var i = 0; i < vectors.Length; i++)
        {
            await index.UpsertAsync(new VectorEntry($"v{i}", vectors[i], A));
        }

        // Delete most, forcing a compaction that renumbers rows and rebuilds the graph.
        for (var i = 0; i < vectors.Length; i++)
        {
            if (i % 4 != 0)
            {
                await index.DeleteAsync($"v{i}");
            }
        }

        Assert.Equal(375, await index.CountAsync());
        var hits = 0;
        for (var i = 0; i < vectors.Length; i += 4)
        {
            hits += (await index.SearchAsync(vectors[i], A, 1))[0].Id == $"v{i}" ? 1 : 0;
        }

        Assert.True(hits >= 370, $"only {hits}/375 entries found themselves through the graph");
    }

    [Fact]
    public async Task BatchesLinkedOnSeveralThreads_WhileSearchesRun_FindEveryEntry()
    {
        using var index = new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = 32, AnnThreshold = 300, AnnBuildThreads = 4 });
        var scopes = new[] { A, VectorScope.Of(("tenant", "b")) };
        var vectors = TestVectors.Clustered(new Random(21), 3000, 32, clusters: 12);

        var readers = new ScopeCheckingReaders(index, vectors, scopes);
        for (var start = 0; start < vectors.Length; start += 250)
        {
            // Each scope crosses the threshold inside a batch, then grows by linking whole batches at once.
            var batch = Enumerable.Range(start, 250).Select(i => new VectorEntry($"v{i}", vectors[i], scopes[i % 2])).ToList();
            await index.UpsertBatchAsync(batch);
            await readers.WaitForSearchesAsync(start / 50);
        }

        await readers.StopAsync();

        Assert.Equal(0, readers.WrongScope);
        Assert.Equal(3000, await index.CountAsync());
        var found = 0;
        for (var i = 0; i < vectors.Length; i++)
        {
            found += (await index.SearchAsync(vectors[i], scopes[i % 2], 1))[0].Id == $"v{i}" ? 1 : 0;
        }

        Assert.True(found >= 2970, $"only {found}/3000 entries found themselves through graphs linked in parallel");
    }

    [Fact]
    public async Task SearchesRunWhileWritersGrowCompactAndBuildTheGraph()
    {
        using var index = new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = 16, AnnThreshold = 300 });
        var scopes = new[] { A, VectorScope.Of(("tenant", "b")) };
        var vectors = TestVectors.Clustered(new Random(9), 4000, 16, clusters: 8);

        var readers = new ScopeCheckingReaders(index, vectors, scopes);
        for (var i = 0; i < vectors.Length; i++)
        {
            await index.UpsertAsync(new VectorEntry($"v{i}", vectors[i], scopes[i % 2]));
            if (i % 3 == 0 && i > 10)
            {
                await index.DeleteAsync($"v{i - 10}");
            }

            if (i % 200 == 0)
            {
                await readers.WaitForSearchesAsync(i / 20);
            }
        }

        await readers.StopAsync();
        Assert.Equal(0, readers.WrongScope);
        Assert.True(readers.Searches > 100);
    }

    /// <summary>
    /// Two readers searching random vectors in random scopes until stopped, counting matches from the wrong scope
    /// (ids encode their scope: even ids live in the first, odd in the second).
    /// </summary>
    private sealed class ScopeCheckingReaders
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task[] _readers;
        private int _wrongScope;
        private int _searches;

        public ScopeCheckingReaders(EmbeddedVectorIndex index, float[][] vectors, VectorScope[] scopes) =>
            _readers = [.. Enumerable.Range(0, 2).Select(r => Task.Run(() => ReadAsync(index, vectors, scopes, new Random(r))))];

        public int WrongScope => Volatile.Read(ref _wrongScope);

        public int Searches => Volatile.Read(ref _searches);

        /// <summary>
        /// On a loaded machine the writer can finish before the readers are scheduled; waiting for some searches
        /// (at most 10 s) makes the phases interleave, so searches really run while scopes grow and graphs are built.
        /// </summary>
        public async Task WaitForSearchesAsync(int atLeast)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Searches < atLeast && DateTime.UtcNow < deadline)
            {
                await Task.Delay(1);
            }
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_readers);
            _stop.Dispose();
        }

        private async Task ReadAsync(EmbeddedVectorIndex index, float[][] vectors, VectorScope[] scopes, Random random)
        {
            while (!_stop.IsCancellationRequested)
            {
                var s = random.Next(2);
                foreach (var match in await index.SearchAsync(vectors[random.Next(vectors.Length)], scopes[s], 5))
                {
                    if (int.Parse(match.Id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) % 2 != s)
                    {
                        Interlocked.Increment(ref _wrongScope);
                    }
                }

                Interlocked.Increment(ref _searches);
            }
        }
    }
}
