using System.Numerics.Tensors;
using AgentFramework.Caching;
using AgentFramework.Caching.Verification;

namespace AgentFramework.CacheQuality;

/// <summary>Lists the decision's mistakes on a pair file — false hits and missed duplicates — with cosine and the veto reason, for error analysis.</summary>
internal static class Explain
{
    public static async Task RunAsync(string file, EmbeddingStore store)
    {
        var pairs = PairCsv.Read(file);
        await store.EnsureAsync(pairs.SelectMany(p => new[] { p.Query, p.Cached }));
        var pipeline = new VerifierPipeline(SemanticCache.DefaultVerifiers());
        var threshold = SemanticCacheOptions.DefaultThreshold;
        foreach (var wrongHits in new[] { true, false })
        {
            Console.WriteLine(wrongHits ? "=== false hits (served, not duplicates)" : "=== missed duplicates (not served)");
            for (var i = 0; i < pairs.Count; i++)
            {
                double cos = TensorPrimitives.CosineSimilarity(store[pairs[i].Query], store[pairs[i].Cached]);
                string? reason = null;
                var hit = cos >= threshold && pipeline.Verify(new CacheHitCandidate(pairs[i].Query, pairs[i].Cached, cos, threshold), out _, out reason);
                if (hit == wrongHits && pairs[i].Duplicate != wrongHits)
                {
                    Console.WriteLine($"{cos:0.000}  {(hit ? "hit" : reason ?? "below threshold"),-34} {pairs[i].Query}  ||  {pairs[i].Cached}");
                }
            }
        }
    }
}
