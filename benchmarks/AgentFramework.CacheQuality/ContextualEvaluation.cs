using System.Numerics.Tensors;
using System.Text.Json;
using AgentFramework.Caching;
using AgentFramework.Testing;
using Microsoft.Extensions.AI;

namespace AgentFramework.CacheQuality;

/// <summary>
/// Follow-up questions ("What are its types?") asked in different conversations must never be served each
/// other's answers; and paraphrased first questions should still hit.
/// </summary>
internal static class ContextualEvaluation
{
    private sealed record Conversation(int Id, string Main, string MainAnswer, string FollowUp)
    {
        public string ContextKey => Main + "\u0001" + MainAnswer;

        public List<ChatMessage> Messages(string followUp) =>
        [
            new(ChatRole.User, Main),
            new(ChatRole.Assistant, MainAnswer),
            new(ChatRole.User, followUp),
        ];
    }

    public static async Task RunAsync(EmbeddingStore store)
    {
        var conversations = Load();
        Console.WriteLine();
        Console.WriteLine($"=== contextual follow-ups: {conversations.Count} conversations from {Path.Combine(TestPaths.SharedData, "cache-eval", "contextual")} ===");
        await store.EnsureAsync(conversations.SelectMany(c => new[] { c.Main, c.FollowUp }));

        var half = conversations.Count / 2;
        var stored = conversations.Take(half).ToList();
        var probes = conversations.Skip(half).ToList();
        using var harness = new CacheHarness(store);
        var tenant = CacheHarness.Tenant("contextual");
        foreach (var c in stored)
        {
            await harness.Cache.StoreAsync(c.Messages(c.FollowUp), tenant, CacheHarness.Answer("conversation " + c.Id));
        }

        var byId = conversations.ToDictionary(c => c.Id);
        int cross = 0, sameContext = 0, lookups = 0;
        async Task Probe(Conversation context, string followUp)
        {
            lookups++;
            var result = await harness.Cache.LookupAsync(context.Messages(followUp), tenant);
            if (result.Response is { } hit && int.TryParse(hit.Text.Replace("conversation ", "", StringComparison.Ordinal), out var servedId))
            {
                if (byId[servedId].ContextKey == context.ContextKey)
                {
                    sameContext++;
                }
                else
                {
                    cross++;
                }
            }
        }

        // 1) New conversations asking their own follow-ups.
        foreach (var c in probes)
        {
            await Probe(c, c.FollowUp);
        }

        // 2) The stored follow-ups' exact words, asked after another conversation's first turn.
        for (var i = 0; i < stored.Count; i++)
        {
            await Probe(probes[i % probes.Count], stored[i].FollowUp);
        }

        Console.WriteLine($"Cache lookups: {lookups}; cross-conversation hits: {cross}; hits within an identical context: {sameContext}");

        // What a context-blind cache would have done (plain cosine over the follow-up text alone).
        var blind90 = probes.Count(p => stored.Any(s => s.ContextKey != p.ContextKey && TensorPrimitives.CosineSimilarity(store[p.FollowUp], store[s.FollowUp]) >= 0.90));
        var blindExact = probes.Count(p => stored.Any(s => s.ContextKey != p.ContextKey && s.FollowUp == p.FollowUp));
        Console.WriteLine($"Context-blind baseline on the {probes.Count} new conversations: {blind90} would hit another conversation at cosine >= 0.90 ({blindExact} with the identical follow-up text)");

        // Same conversation replayed: the exact tier should serve it.
        var replay = 0;
        foreach (var c in stored.Take(100))
        {
            var result = await harness.Cache.LookupAsync(c.Messages(c.FollowUp), tenant);
            replay += result.Outcome == CacheOutcome.ExactHit ? 1 : 0;
        }

        Console.WriteLine($"Replaying {Math.Min(100, stored.Count)} stored conversations verbatim: {replay} exact hits");
    }

    public static async Task ParaphraseRecallAsync(EmbeddingStore store)
    {
        var pairs = new List<(string Origin, string Similar, string Source)>();
        using (var doc = JsonDocument.Parse(File.ReadAllText(TestPaths.SharedFile("cache-eval", "paraphrases-hfdocs.json"))))
        {
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                pairs.Add((e.GetProperty("origin").GetString()!, e.GetProperty("similar").GetString()!, "hfdocs"));
            }
        }

        using (var doc = JsonDocument.Parse(File.ReadAllText(TestPaths.SharedFile("cache-eval", "contextual", "new_claude.json"))))
        {
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                pairs.Add((e.GetProperty("u0").GetString()!, e.GetProperty("u0_duplicate").GetString()!, "new_claude first turns"));
            }
        }

        await store.EnsureAsync(pairs.SelectMany(p => new[] { p.Origin, p.Similar }));
        Console.WriteLine();
        foreach (var source in pairs.GroupBy(p => p.Source))
        {
            using var harness = new CacheHarness(store);
            int hits = 0, i = 0, plain90 = 0;
            var misses = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (origin, similar, _) in source)
            {
                var tenant = CacheHarness.Tenant("p" + i++);
                await harness.Cache.StoreAsync([new ChatMessage(ChatRole.User, origin)], tenant, CacheHarness.Answer("a"));
                var result = await harness.Cache.LookupAsync([new ChatMessage(ChatRole.User, similar)], tenant);
                hits += result.IsHit ? 1 : 0;
                var cosine = TensorPrimitives.CosineSimilarity(store[origin], store[similar]);
                plain90 += cosine >= 0.90 ? 1 : 0;
                if (!result.IsHit)
                {
                    // Why it missed: below the threshold, or the first vetoing stage and rule (the text before any detail).
                    var why = cosine < SemanticCacheOptions.DefaultThreshold ? "below threshold" : MissReason(result.Reason);
                    misses[why] = misses.GetValueOrDefault(why) + 1;
                }
            }

            Console.WriteLine($"=== paraphrase recall, {source.Key}: {hits}/{i} = {100.0 * hits / i:0.0}% at the defaults (plain cosine >= 0.90: {100.0 * plain90 / i:0.0}%) ===");
            Console.WriteLine("    misses: " + string.Join(", ", misses.OrderByDescending(m => m.Value).Select(m => $"{m.Key} {m.Value}")));
        }
    }

    private static string MissReason(string? reason)
    {
        if (string.IsNullOrEmpty(reason))
        {
            return "no reason";
        }

        var cut = reason.IndexOfAny(['(', ' ', ';']);
        return cut < 0 ? reason : reason[..cut];
    }

    private static List<Conversation> Load()
    {
        var dir = TestPaths.SharedFile("cache-eval", "contextual");
        var result = new List<Conversation>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string main, string answer, string followUp)
        {
            if (seen.Add(main + "\u0001" + answer + "\u0001" + followUp))
            {
                result.Add(new Conversation(result.Count, main, answer, followUp));
            }
        }

        foreach (var name in new[] { "Synthetic_Dataset_Diverse.json", "context2.json", "contextual_queries.json", "d1.json" })
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, name)));
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                Add(e.GetProperty("Main Query").GetString()!, e.GetProperty("Main Query Response").GetString()!, e.GetProperty("Follow-Up Query").GetString()!);
            }
        }

        using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "new_claude.json"))))
        {
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                Add(e.GetProperty("u0").GetString()!, e.GetProperty("system_q0").GetString()!, e.GetProperty("u1").GetString()!);
                Add(e.GetProperty("u0_duplicate").GetString()!, e.GetProperty("system_q0").GetString()!, e.GetProperty("u1_duplicate").GetString()!);
            }
        }

        var u0 = JsonSerializer.Deserialize<string[]>(File.ReadAllText(Path.Combine(dir, "unique_u0.json")))!;
        var u1 = JsonSerializer.Deserialize<string[]>(File.ReadAllText(Path.Combine(dir, "unique_u1.json")))!;
        for (var i = 0; i < Math.Min(u0.Length, u1.Length); i++)
        {
            Add(u0[i], "(an answer about: " + u0[i] + ")", u1[i]);
        }

        // Interleave sources so both halves (stored / probing) mix every file.
        var rng = new Random(42);
        return [.. result.OrderBy(_ => rng.Next()).Select((c, i) => c with { Id = i })];
    }
}
