using System.Numerics.Tensors;
using AgentFramework.Caching;
using AgentFramework.Caching.Verification;
using Microsoft.Extensions.AI;
using AgentFramework.Testing;

namespace AgentFramework.CacheQuality;

/// <summary>Decision quality over labelled pairs: the defaults, the veto reasons, the whole threshold curve, and an end-to-end replay through the production cache.</summary>
internal static class PairEvaluation
{
    public static async Task RunAsync(string file, EmbeddingStore store)
    {
        var pairs = PairCsv.Read(file, Console.Error);
        Console.WriteLine();
        Console.WriteLine($"=== {Path.GetFileName(file)}: {pairs.Count} pairs ({pairs.Count(p => p.Duplicate)} duplicates) ===");
        await store.EnsureAsync(pairs.SelectMany(p => new[] { p.Query, p.Cached }));

        var threshold = SemanticCacheOptions.DefaultThreshold;
        var (cos, accepted, reasons, _) = Decide(pairs, store, threshold);

        var defaults = Scores.Of(pairs, i => cos[i] >= threshold && accepted[i]);
        Console.WriteLine($"Defaults (cosine >= {threshold:0.00} AND verifiers): {defaults}");
        foreach (var plain in new[] { 0.80, 0.90, 0.95 })
        {
            Console.WriteLine($"Plain cosine >= {plain:0.00} (baseline):       {Scores.Of(pairs, i => cos[i] >= plain)}");
        }

        Console.WriteLine("Vetoes at the default threshold (reason: vetoed duplicates / vetoed non-duplicates):");
        foreach (var group in Enumerable.Range(0, pairs.Count).Where(i => cos[i] >= threshold && !accepted[i])
                     .GroupBy(i => Code(reasons[i]!)).OrderByDescending(g => g.Count()))
        {
            Console.WriteLine($"  {group.Key,-28} {group.Count(i => pairs[i].Duplicate),5} / {group.Count(i => !pairs[i].Duplicate),5}");
        }

        Console.WriteLine("Threshold curve:   plain cosine (P / R / FHR)   |   cosine + verifiers (P / R / FHR / F1)");
        for (var t = 0.70; t <= 0.995; t += 0.01)
        {
            var tt = Math.Round(t, 2);
            var p = Scores.Of(pairs, i => cos[i] >= tt);
            var g = Scores.Of(pairs, i => cos[i] >= tt && accepted[i]);
            Console.WriteLine($"  {tt:0.00}   {p.Precision * 100,5:0.0} / {p.Recall * 100,5:0.0} / {p.FalseHitRate * 100,5:0.0}   |   {g.Precision * 100,5:0.0} / {g.Recall * 100,5:0.0} / {g.FalseHitRate * 100,5:0.0} / {g.F1:0.000}{(tt == threshold ? "   <- default" : "")}");
        }

        // The same pairs through the production cache: store the cached side, look the query up, one tenant per pair.
        using var harness = new CacheHarness(store);
        var e2e = new bool[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var tenant = CacheHarness.Tenant("pair-" + i);
            await harness.Cache.StoreAsync([new ChatMessage(ChatRole.User, pairs[i].Cached)], tenant, CacheHarness.Answer("answer " + i));
            var lookup = await harness.Cache.LookupAsync([new ChatMessage(ChatRole.User, pairs[i].Query)], tenant);
            e2e[i] = lookup.Outcome is CacheOutcome.ExactHit or CacheOutcome.SemanticHit;
        }

        var agree = Enumerable.Range(0, pairs.Count).Count(i => e2e[i] == (cos[i] >= threshold && accepted[i]));
        Console.WriteLine($"End to end through SemanticCache (HybridCache + EmbeddedVectorIndex): {Scores.Of(pairs, i => e2e[i])}");
        Console.WriteLine($"  agrees with the component decision on {agree}/{pairs.Count} pairs");
    }

    /// <summary>Per pair: cosine, whether the default verifiers accept it, their veto reason, and every verifier's
    /// verdict (shared with <c>explain</c>, which shows why a false hit was served).</summary>
    internal static (double[] Cos, bool[] Accepted, string?[] Reasons, string[] Verdicts) Decide(IReadOnlyList<LabeledPair> pairs, EmbeddingStore store, double threshold)
    {
        var pipeline = new VerifierPipeline(SemanticCache.DefaultVerifiers(null, CacheHarness.UsePairModel, CacheHarness.UseInt8PairModel));
        var cos = new double[pairs.Count];
        var accepted = new bool[pairs.Count];
        var reasons = new string?[pairs.Count];
        var verdicts = new string[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            cos[i] = TensorPrimitives.CosineSimilarity(store[pairs[i].Query], store[pairs[i].Cached]);
            accepted[i] = pipeline.Verify(new CacheHitCandidate(pairs[i].Query, pairs[i].Cached, cos[i], threshold), out verdicts[i], out reasons[i]);
        }

        return (cos, accepted, reasons, verdicts);
    }

    private static string Code(string reason)
    {
        var paren = reason.IndexOf('(', StringComparison.Ordinal);
        return paren < 0 ? reason : reason[..paren];
    }
}
