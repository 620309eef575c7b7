using AgentFramework.VectorIndex.Conformance;
using AgentFramework.VectorSearch;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace AgentFramework.VectorIndex.Tests;

/// <summary>
/// Thousands of random operations over many scopes, replayed against a plain dictionary model:
/// no search may ever return another scope's entry, counts must agree, and in exact mode the best
/// match must be the brute-force best match.
/// </summary>
public sealed class RandomizedModelTests(ITestOutputHelper output)
{
    private const int Dims = 32;
    private const int Scopes = 12;
    private const int Operations = 12_000;

    private sealed record ModelEntry(string Id, int Scope, float[] Unit, string Payload, string[] Tags, long ExpiresTicks);

    public static TheoryData<string> Modes => ["exact", "int8", "persistent-reopened", "ann", "mmap", "mmap-ann", "ann-persistent-reopened", "mmap-ann-persistent-reopened"];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task RandomOperations_AgreeWithASimpleModel(string mode)
    {
        using var dir = new TempDirectory();
        var ann = mode.Contains("ann", StringComparison.Ordinal);
        var reopened = mode.Contains("persistent-reopened", StringComparison.Ordinal);
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        EmbeddedVectorIndexOptions Options() => new()
        {
            Dimensions = Dims,
            QuantizeInt8 = mode == "int8",
            MemoryMappedVectors = mode.Contains("mmap", StringComparison.Ordinal),
            MapRowsAbove = 32, // scopes move their rows from the heap into a file as they grow past it
            AnnThreshold = ann ? 50 : 20_000,
            Directory = reopened ? dir.Path : null,
            Durability = VectorIndexDurability.Fast,
            CompactionLogBytes = 1 << 18,
        };

        var index = new EmbeddedVectorIndex(Options(), time);
        var random = new Random(mode.Length * 7919);
        var scopes = Enumerable.Range(0, Scopes).Select(s => VectorScope.Of(("tenant", $"t{s % 4}"), ("step", $"s{s}"))).ToArray();
        var centres = TestVectors.Clustered(random, 24, Dims, clusters: 24, spread: 0);
        var model = new Dictionary<string, ModelEntry>(StringComparer.Ordinal);
        int searches = 0, top1Checked = 0, annTop1Hits = 0, crossScope = 0;

        float[] Draw()
        {
            var centre = centres[random.Next(centres.Length)];
            var v = new float[Dims];
            for (var d = 0; d < Dims; d++)
            {
                v[d] = centre[d] + (0.08f * (float)(random.NextDouble() - 0.5));
            }

            return TestVectors.Normalize(v);
        }

        bool Alive(ModelEntry e) => e.ExpiresTicks > time.GetUtcNow().UtcTicks;

        try
        {
            for (var op = 0; op < Operations; op++)
            {
                var roll = random.Next(1000);
                if (roll < 560)
                {
                    var id = $"id{random.Next(3000)}";
                    var scope = random.Next(Scopes);
                    var vector = Draw();
                    var tags = random.Next(4) == 0 ? new[] { $"tag{random.Next(20)}" } : [];
                    DateTimeOffset? expires = random.Next(10) == 0 ? time.GetUtcNow().AddSeconds(random.Next(-5, 120)) : null;
                    await index.UpsertAsync(new VectorEntry(id, vector, scopes[scope], $"p{op}", tags, expires));
                    model[id] = new ModelEntry(id, scope, vector, $"p{op}", tags, expires?.UtcTicks ?? long.MaxValue);
                }
                else if (roll < 640)
                {
                    var id = $"id{random.Next(3000)}";
                    var existed = model.TryGetValue(id, out var e) && Alive(e);
                    Assert.Equal(existed, await index.DeleteAsync(id));
                    model.Remove(id);
                }
                else if (roll < 643)
                {
                    var scope = random.Next(Scopes);
                    var expected = model.Values.Count(e => e.Scope == scope && Alive(e));
                    Assert.Equal(expected, await index.DeleteByScopeAsync(scopes[scope]));
                    foreach (var e in model.Values.Where(e => e.Scope == scope).ToList())
                    {
                        model.Remove(e.Id);
                    }
                }
                else if (roll < 655)
                {
                    var tag = $"tag{random.Next(20)}";
                    var expected = model.Values.Count(e => e.Tags.Contains(tag) && Alive(e));
                    Assert.Equal(expected, await index.DeleteByTagAsync(tag));
                    foreach (var e in model.Values.Where(e => e.Tags.Contains(tag)).ToList())
                    {
                        model.Remove(e.Id);
                    }
                }
                else if (roll < 670)
                {
                    time.Advance(TimeSpan.FromSeconds(random.Next(1, 30)));
                }
                else if (roll < 680)
                {
                    var scope = random.Next(Scopes);
                    Assert.Equal(model.Values.Count(e => e.Scope == scope && Alive(e)), await index.CountAsync(scopes[scope]));
                    Assert.Equal(model.Values.Count(Alive), await index.CountAsync());
                }
                else if (roll < 682 && reopened)
                {
                    await index.DisposeAsync();
                    index = new EmbeddedVectorIndex(Options(), time);
                }
                else
                {
                    searches++;
                    var scope = random.Next(Scopes);
                    var query = Draw();
                    var k = random.Next(1, 8);
                    var results = await index.SearchAsync(query, scopes[scope], k);
                    var live = model.Values.Where(e => e.Scope == scope && Alive(e)).ToList();
                    foreach (var match in results)
                    {
                        if (!model.TryGetValue(match.Id, out var e) || e.Scope != scope || !Alive(e))
                        {
                            crossScope++;
                        }
                        else
                        {
                            Assert.Equal(e.Payload, match.Payload);
                            Assert.InRange(match.Score, TestVectors.Cosine(query, e.Unit) - 1e-4f, TestVectors.Cosine(query, e.Unit) + 1e-4f);
                        }
                    }

                    Assert.Equal(Math.Min(k, live.Count), results.Count);
                    if (live.Count > 0)
                    {
                        var best = live.Select(e => (e.Id, Score: TestVectors.Cosine(query, e.Unit)))
                            .OrderByDescending(x => x.Score).ThenBy(x => x.Id, StringComparer.Ordinal).First();
                        if (ann)
                        {
                            annTop1Hits += results[0].Id == best.Id ? 1 : 0;
                        }
                        else
                        {
                            // Identical top-1; a different id is tolerated only for a genuine float tie.
                            Assert.True(results[0].Id == best.Id || Math.Abs(results[0].Score - best.Score) < 1e-6f, $"op {op}: top-1 {results[0].Id} ({results[0].Score}) but brute force says {best.Id} ({best.Score})");
                            top1Checked++;
                        }
                    }
                }
            }
        }
        finally
        {
            await index.DisposeAsync();
        }

        output.WriteLine($"{mode}: {Operations} operations, {searches} searches, {top1Checked} top-1 checks, final model size {model.Count}, ann top-1 hits {annTop1Hits}");
        Assert.Equal(0, crossScope);
        Assert.True(searches > 2000);
        if (ann)
        {
            Assert.True(annTop1Hits >= searches * 0.9, $"ANN top-1 recall {annTop1Hits}/{searches}");
        }
        else
        {
            Assert.True(top1Checked > 2000);
        }
    }
}
