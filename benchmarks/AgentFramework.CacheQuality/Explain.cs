using AgentFramework.Caching;
using AgentFramework.Testing;

namespace AgentFramework.CacheQuality;

/// <summary>Lists the decision's mistakes on a pair file — false hits and missed duplicates — with cosine and the veto reason (for a false hit, every verifier's verdict), for error analysis.</summary>
internal static class Explain
{
    public static async Task RunAsync(string file, EmbeddingStore store)
    {
        var pairs = PairCsv.Read(file, Console.Error);
        await store.EnsureAsync(pairs.SelectMany(p => new[] { p.Query, p.Cached }));
        var threshold = SemanticCacheOptions.DefaultThreshold;
        var (cos, accepted, reasons, verdicts) = PairEvaluation.Decide(pairs, store, threshold);
        foreach (var wrongHits in new[] { true, false })
        {
            Console.WriteLine(wrongHits ? "=== false hits (served, not duplicates)" : "=== missed duplicates (not served)");
            for (var i = 0; i < pairs.Count; i++)
            {
                var hit = cos[i] >= threshold && accepted[i];
                if (hit == wrongHits && pairs[i].Duplicate != wrongHits)
                {
                    var why = hit ? "hit: " + verdicts[i] : cos[i] < threshold ? "below threshold" : reasons[i];
                    Console.WriteLine($"{cos[i]:0.000}  {why,-34} {pairs[i].Query}  ||  {pairs[i].Cached}");
                }
            }
        }
    }
}
