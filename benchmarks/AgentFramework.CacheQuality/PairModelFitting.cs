using System.Globalization;
using System.Numerics.Tensors;
using AgentFramework.Caching;
using AgentFramework.Caching.Verification;
using AgentFramework.Caching.Verification.PairModel;
using AgentFramework.Testing;

namespace AgentFramework.CacheQuality;

/// <summary>
/// Fits the pair-model decision: the (cosine threshold, minimum logit) grid and each slot-guard rule's net effect per
/// set (<c>pairfit</c>), and the production decision over the cross-validation folds the training tool writes (<c>cv</c>).
/// </summary>
internal static class PairModelFitting
{
    private static readonly double[] Thresholds = [0.60, 0.65, 0.70, 0.75, 0.80, 0.85];
    private static readonly double[] MinScores = [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3];

    public static async Task RunAsync(IReadOnlyList<string> files, EmbeddingStore store)
    {
        var verifier = new PairModelVerifier();
        foreach (var file in files)
        {
            var pairs = PairCsv.Read(file, Console.Error);
            await store.EnsureAsync(pairs.SelectMany(p => new[] { p.Query, p.Cached }));
            var cos = pairs.Select(p => (double)TensorPrimitives.CosineSimilarity(store[p.Query], store[p.Cached])).ToArray();
            // One batched call over the candidates (the model's batch path spreads it over the cores).
            var candidates = Enumerable.Range(0, pairs.Count).Where(i => cos[i] >= Thresholds[0]).ToList();
            var scored = verifier.Logits([.. candidates.Select(i => (pairs[i].Query, pairs[i].Cached))]);
            var logits = Enumerable.Repeat(double.NegativeInfinity, pairs.Count).ToArray();
            for (var c = 0; c < candidates.Count; c++)
            {
                logits[candidates[c]] = scored?[c] ?? double.NaN;
            }
            Report(Path.GetFileName(file), pairs, cos, logits);
        }
    }

    /// <summary>The production decision over fold files (question1, question2, is_duplicate, logit) from the tool's cv.</summary>
    public static async Task CrossValidationAsync(IReadOnlyList<string> files, EmbeddingStore store)
    {
        var pairs = new List<LabeledPair>();
        var logits = new List<double>();
        foreach (var file in files)
        {
            var rows = PairCsv.ReadRows(file);
            var header = rows[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
            int q1 = header.IndexOf("question1"), q2 = header.IndexOf("question2"), label = header.IndexOf("is_duplicate"), logit = header.IndexOf("logit");
            foreach (var row in rows.Skip(1).Where(r => r.Length > logit))
            {
                pairs.Add(new LabeledPair(row[q1], row[q2], row[label].Trim() == "1"));
                logits.Add(double.Parse(row[logit], CultureInfo.InvariantCulture));
            }
        }

        await store.EnsureAsync(pairs.SelectMany(p => new[] { p.Query, p.Cached }));
        var cos = pairs.Select(p => (double)TensorPrimitives.CosineSimilarity(store[p.Query], store[p.Cached])).ToArray();
        Report($"cross-validation over {files.Count} fold file(s)", pairs, cos, [.. logits]);
    }

    private static void Report(string name, List<LabeledPair> pairs, double[] cos, double[] rawLogits)
    {
        foreach (var w in new[] { 0.0, 5.0, 15.0 })
        {
            var alt = rawLogits.Select((l, i) => PairModelVerifier.Combine(l, cos[i], w)).ToArray();
            Console.WriteLine($"(cosine weight {w:0}: {PrecisionAtRecall(pairs, cos, alt, 0.5)})");
        }

        var logits = rawLogits.Select((l, i) => PairModelVerifier.Combine(l, cos[i], PairModelVerifier.DefaultCosineWeight)).ToArray();
        var threshold = SemanticCacheOptions.DefaultThreshold;
        var minLogit = PairModelVerifier.DefaultMinScore;
        var kept = DefaultVerifierSet.KeptSlotGuardRules;
        var vetoKept = Veto(pairs, cos, kept);
        Console.WriteLine();
        Console.WriteLine($"=== {name}: {pairs.Count} pairs ({pairs.Count(p => p.Duplicate)} duplicates) ===");
        Console.WriteLine($"Pair-model decision (cosine >= {threshold:0.00}, score >= {minLogit:0.0} (cosine weight {PairModelVerifier.DefaultCosineWeight:0}), kept slot-guard rules {kept}): {Scores.Of(pairs, i => cos[i] >= threshold && logits[i] >= minLogit && vetoKept[i] is null)}");
        Console.WriteLine($"Pair model alone at the same gate (no slot guard):                                {Scores.Of(pairs, i => cos[i] >= threshold && logits[i] >= minLogit)}");

        // Precision where recall first reaches 50 % / 65 %, sweeping the logit bar at the default gate and kept rules.
        foreach (var goal in new[] { 0.50, 0.65 })
        {
            var candidates = Enumerable.Range(0, pairs.Count).Where(i => cos[i] >= threshold && vetoKept[i] is null && !double.IsNaN(logits[i]))
                .OrderByDescending(i => logits[i]).ToList();
            var positives = pairs.Count(p => p.Duplicate);
            int tp = 0, fp = 0;
            foreach (var i in candidates)
            {
                if (pairs[i].Duplicate)
                {
                    tp++;
                }
                else
                {
                    fp++;
                }

                if (tp >= goal * positives)
                {
                    Console.WriteLine($"  at recall {goal * 100:0}%: precision {100.0 * tp / (tp + fp):0.0}%, false-hit rate {100.0 * fp / Math.Max(1, pairs.Count - positives):0.0}%, score bar {logits[i]:0.00}");
                    break;
                }
            }
        }

        // The shipped decision, from the verifier DefaultVerifierSet builds (one source of truth): kept vetoes, then the
        // lexical verifier with the model's two bars (overrule a lexical veto, veto a lexical accept), soft rules.
        var learned = new LearnedHitVerifier();
        var lexicalOk = pairs.Select((p, i) => cos[i] >= Thresholds[0] && learned.Verify(new CacheHitCandidate(p.Query, p.Cached, cos[i], threshold)).Accepted).ToArray();
        var soft = DefaultVerifierSet.SoftSlotGuardRules;
        var softFires = Veto(pairs, cos, soft);
        var shipped = DefaultVerifierSet.Create(logger: null, usePairModel: true).OfType<PairModelVerifier>().Single();
        Console.WriteLine($"Defaults as shipped (vetoes {kept}; overrule >= {DefaultVerifierSet.OverruleMinScore:0.0}, lexical accepts >= {DefaultVerifierSet.LexicalAcceptedMinScore:0.0}; pairs of <= {DefaultVerifierSet.ShortPairMaxWords} words {DefaultVerifierSet.ShortPairOverruleMinScore:0.0} / {DefaultVerifierSet.ShortPairLexicalAcceptedMinScore:0.0}; soft {soft} +{DefaultVerifierSet.SoftRuleMargin:0.0}): {Scores.Of(pairs, i => cos[i] >= threshold && vetoKept[i] is null && shipped.Serves(lexicalOk[i], softFires[i] is not null, logits[i], pairs[i].Query, pairs[i].Cached))}");
        // What the cache serves when the model cannot be loaded (PairModelVerifier's stricter fallback), at two gates.
        var fallback = new LearnedHitVerifier(PairModelVerifier.FallbackMinProbability);
        var fallbackOk = pairs.Select((p, i) => cos[i] >= Thresholds[0] && fallback.Verify(new CacheHitCandidate(p.Query, p.Cached, cos[i], threshold)).Accepted).ToArray();
        var allRules = Veto(pairs, cos, SlotGuardRules.All);
        foreach (var gate in new[] { 0.75, threshold })
        {
            Console.WriteLine($"Fallback without the model (every rule + lexical p >= {PairModelVerifier.FallbackMinProbability:0.00}), cosine >= {gate:0.00}: {Scores.Of(pairs, i => cos[i] >= gate && allRules[i] is null && fallbackOk[i])}");
        }

        // The same decision at lower cosine gates: what candidates between a gate and the default would add.
        foreach (var gate in new[] { 0.65, 0.68, 0.70, 0.72, 0.75 })
        {
            // Every candidate past the slot guard costs one pair pass (the model also checks what the lexical verifier accepts).
            var passes = Enumerable.Range(0, pairs.Count).Count(i => cos[i] >= gate && vetoKept[i] is null);
            Console.WriteLine($"  at cosine >= {gate:0.00}: {Scores.Of(pairs, i => cos[i] >= gate && vetoKept[i] is null && shipped.Serves(lexicalOk[i], softFires[i] is not null, logits[i], pairs[i].Query, pairs[i].Cached))}; pair passes {passes} ({100.0 * passes / pairs.Count:0.0} % of pairs)");
        }

        var candidateSoft = SlotGuardRules.SlotMismatch | SlotGuardRules.Negation | SlotGuardRules.NameMismatch;
        var hard = Veto(pairs, cos, SlotGuardRules.All & ~candidateSoft);
        var fires = Veto(pairs, cos, candidateSoft);
        foreach (var margin in new[] { 0.0, 1, 2, 3, 4, 6, double.PositiveInfinity })
        {
            Console.WriteLine($"  {candidateSoft} soft at +{margin}: {Scores.Of(pairs, i => cos[i] >= threshold && hard[i] is null && logits[i] >= minLogit + (fires[i] is null ? 0 : margin))}");
        }

        // The lexical verifier decides, the model overrules it when sure: served = score >= high || (lexical accepts && score >= low).
        Console.WriteLine($"Previous default (every rule + lexical p >= 0.72):  {Scores.Of(pairs, i => cos[i] >= threshold && vetoKept[i] is null && lexicalOk[i])}");
        Console.WriteLine("Lexical + model overrule, kept rules, cosine >= default: rows low bar (lexical accepted), columns high bar -> P / R / FHR");
        double[] highs = [0.5, 1, 1.5, 2, 3, double.PositiveInfinity];
        Console.Write("        ");
        foreach (var h in highs)
        {
            Console.Write($"{h,20:0.0}");
        }

        Console.WriteLine();
        foreach (var low in new[] { double.NegativeInfinity, -4, -3.5, -3, -2.5, -2, -1.5, -1 })
        {
            Console.Write($"  {low,5:0.0} ");
            foreach (var h in highs)
            {
                var v = new PairModelVerifier(logger: null, minScore: double.IsInfinity(h) ? 1e9 : h) { LexicalAcceptedMinScore = low };
                var s = Scores.Of(pairs, i => cos[i] >= threshold && vetoKept[i] is null && v.Serves(lexicalOk[i], softRuleFired: false, logits[i], pairs[i].Query, pairs[i].Cached));
                Console.Write($"  {s.Precision * 100,5:0.0}/{s.Recall * 100,5:0.0}/{s.FalseHitRate * 100,4:0.0}");
            }

            Console.WriteLine();
        }

        // Short pairs (both prompts at most N words) with bars of their own (PairModelVerifier.ShortPairMaxWords,
        // ShortPairMinScore, ShortLexicalAcceptedMinScore); longer pairs keep the shipped bars. The overrule row 2.0 is
        // "a stricter lexical-accepted bar for short pairs only".
        Console.WriteLine($"Short pairs' own bars (both prompts <= N words; longer pairs {DefaultVerifierSet.OverruleMinScore:0.0} / {DefaultVerifierSet.LexicalAcceptedMinScore:0.0}): rows N, overrule bar; columns lexical-accepted bar -> right/wrong F1");
        double[] shortLows = [-3.5, -3.0, -2.5, -2.0, -1.5, -1.0, -0.5, 0.0];
        Console.Write("            ");
        foreach (var b in shortLows)
        {
            Console.Write($"{b,16:0.0}");
        }

        Console.WriteLine();
        foreach (var n in new[] { 10, 12, 14, 16, 20 })
        {
            foreach (var high in new[] { 0.5, 1.0, 1.5, 2.0 })
            {
                Console.Write($"  {n,3} {high,5:0.0} ");
                foreach (var low in shortLows)
                {
                    var v = new PairModelVerifier(logger: null, minScore: DefaultVerifierSet.OverruleMinScore)
                    {
                        LexicalAcceptedMinScore = DefaultVerifierSet.LexicalAcceptedMinScore,
                        ShortPairMaxWords = n,
                        ShortPairMinScore = high,
                        ShortLexicalAcceptedMinScore = low,
                    };
                    var s = Scores.Of(pairs, i => cos[i] >= threshold && vetoKept[i] is null && v.Serves(lexicalOk[i], softRuleFired: false, logits[i], pairs[i].Query, pairs[i].Cached));
                    Console.Write($"  {s.TruePositives,5}/{s.FalsePositives,4} {s.F1:0.000}");
                }

                Console.WriteLine();
            }
        }

        // Soft rules with the overrule: hard vetoes for the other rules; when a soft rule fires the model decides at
        // overrule bar + margin whatever the lexical verifier said (PairModelVerifier.Bar, the production rule).
        Console.WriteLine("Lexical + model overrule + soft rules: rows soft set @ overrule bar, lexical-accepted bar; columns margin -> P / R / FHR");
        double[] margins = [0, 1, 2, 3, 4, double.PositiveInfinity];
        var softSets = new[]
        {
            SlotGuardRules.Negation | SlotGuardRules.NameMismatch,
            SlotGuardRules.SlotMismatch | SlotGuardRules.Negation | SlotGuardRules.NameMismatch,
            SlotGuardRules.SlotMismatch | SlotGuardRules.Negation | SlotGuardRules.NameMismatch | SlotGuardRules.Antonym,
            SlotGuardRules.SlotMismatch | SlotGuardRules.Negation | SlotGuardRules.NameMismatch | SlotGuardRules.Antonym | SlotGuardRules.Substitution,
        };
        foreach (var softSet in softSets)
        {
            var hardVeto = Veto(pairs, cos, SlotGuardRules.All & ~softSet);
            var softFired = Veto(pairs, cos, softSet);
            foreach (var (overrule, low) in new[] { (1.0, double.NegativeInfinity), (2.0, double.NegativeInfinity), (1.0, DefaultVerifierSet.LexicalAcceptedMinScore), (2.0, DefaultVerifierSet.LexicalAcceptedMinScore) })
            {
                Console.Write($"  {softSet} @ {overrule:0.0}, lexical accepts >= {low:0.0}: ");
                foreach (var m in margins)
                {
                    var v = new PairModelVerifier(logger: null, minScore: overrule) { SoftRules = softSet, SoftRuleMargin = double.IsInfinity(m) ? 1e9 : m, LexicalAcceptedMinScore = low };
                    var s = Scores.Of(pairs, i => cos[i] >= threshold && hardVeto[i] is null && v.Serves(lexicalOk[i], softFired[i] is not null, logits[i], pairs[i].Query, pairs[i].Cached));
                    Console.Write($" +{m:0}: {s.Precision * 100:0.0}/{s.Recall * 100:0.0}/{s.FalseHitRate * 100:0.0}");
                }

                Console.WriteLine();
            }
        }

        // The model decides alone (one bar whether or not the lexical verifier accepted), with soft rules at a margin,
        // at the default gate and a lower one (paraphrases at cosine 0.70-0.75 that only the model can tell apart).
        var softChoices = new (string Name, SlotGuardRules Rules, double Margin)[]
        {
            ("none", SlotGuardRules.None, 0),
            ("SNM+0", candidateSoft, 0),
            ("SNM+1", candidateSoft, 1),
            ("SNM+2", candidateSoft, 2),
            ("SNMA+1", candidateSoft | SlotGuardRules.Antonym, 1),
            ("NN+1", SlotGuardRules.Negation | SlotGuardRules.NameMismatch, 1),
        };
        var vetoesByChoice = softChoices.Select(c => (Hard: Veto(pairs, cos, SlotGuardRules.All & ~c.Rules), Soft: Veto(pairs, cos, c.Rules))).ToArray();
        foreach (var gate in new[] { threshold, 0.70 })
        {
            PrintModelDecides(pairs, cos, logits, lexicalOk, softChoices, vetoesByChoice, gate);
        }

        Console.WriteLine("Grid, kept rules: cosine threshold x minimum score -> P / R / FHR");
        Console.Write("          ");
        foreach (var m in MinScores)
        {
            Console.Write($"{m,20:0.0}");
        }

        Console.WriteLine();
        foreach (var t in Thresholds)
        {
            Console.Write($"  {t:0.00}    ");
            foreach (var m in MinScores)
            {
                var s = Scores.Of(pairs, i => cos[i] >= t && logits[i] >= m && vetoKept[i] is null);
                Console.Write($"  {s.Precision * 100,5:0.0}/{s.Recall * 100,5:0.0}/{s.FalseHitRate * 100,4:0.0}");
            }

            Console.WriteLine();
        }

        Console.WriteLine($"Each slot-guard rule alone, on what the pair model serves at the defaults (vetoed duplicates / vetoed non-duplicates; kept: {kept}):");
        foreach (var rule in Enum.GetValues<SlotGuardRules>().Where(r => r is not SlotGuardRules.None and not SlotGuardRules.All))
        {
            var veto = Veto(pairs, cos, rule);
            var served = Enumerable.Range(0, pairs.Count).Where(i => cos[i] >= threshold && logits[i] >= minLogit && veto[i] is not null).ToList();
            Console.WriteLine($"  {rule,-16} {served.Count(i => pairs[i].Duplicate),5} / {served.Count(i => !pairs[i].Duplicate),5}");
        }
    }

    private static void PrintModelDecides(List<LabeledPair> pairs, double[] cos, double[] logits, bool[] lexicalOk,
        (string Name, SlotGuardRules Rules, double Margin)[] softChoices, (string?[] Hard, string?[] Soft)[] vetoesByChoice, double gate)
    {
        Console.WriteLine($"Model decides (lexical ignored), kept rules, cosine >= {gate:0.00}: rows bar, columns soft set +margin -> P / R / FHR");
        Console.Write("        ");
        foreach (var c in softChoices)
        {
            Console.Write($"{c.Name,20}");
        }

        Console.WriteLine();
        foreach (var bar in new[] { 0.0, 0.5, 1.0, 1.5, 2.0, 2.5 })
        {
            Console.Write($"  {bar,5:0.0} ");
            foreach (var (c, (hardVeto, softFired)) in softChoices.Zip(vetoesByChoice))
            {
                var v = new PairModelVerifier(logger: null, minScore: bar) { LexicalAcceptedMinScore = bar, SoftRules = c.Rules, SoftRuleMargin = c.Margin };
                var s = Scores.Of(pairs, i => cos[i] >= gate && hardVeto[i] is null && v.Serves(lexicalOk[i], softFired[i] is not null, logits[i], pairs[i].Query, pairs[i].Cached));
                Console.Write($"  {s.Precision * 100,5:0.0}/{s.Recall * 100,5:0.0}/{s.FalseHitRate * 100,4:0.0}");
            }

            Console.WriteLine();
        }
    }

    private static string PrecisionAtRecall(List<LabeledPair> pairs, double[] cos, double[] score, double goal)
    {
        var kept = Veto(pairs, cos, DefaultVerifierSet.KeptSlotGuardRules);
        var order = Enumerable.Range(0, pairs.Count).Where(i => cos[i] >= SemanticCacheOptions.DefaultThreshold && kept[i] is null && !double.IsNaN(score[i]))
            .OrderByDescending(i => score[i]).ToList();
        var positives = pairs.Count(p => p.Duplicate);
        int tp = 0, fp = 0;
        foreach (var i in order)
        {
            tp += pairs[i].Duplicate ? 1 : 0;
            fp += pairs[i].Duplicate ? 0 : 1;
            if (tp >= goal * positives)
            {
                return $"precision {100.0 * tp / (tp + fp):0.0}% at recall {goal * 100:0}%, bar {score[i]:0.00}";
            }
        }

        return $"recall {goal * 100:0}% not reached";
    }

    private static string?[] Veto(List<LabeledPair> pairs, double[] cos, SlotGuardRules rules) =>
        pairs.Select((p, i) => cos[i] < Thresholds[0] ? "below" : SlotGuardVerifier.Check(TextFeatures.Of(p.Query), TextFeatures.Of(p.Cached), rules)).ToArray();
}
