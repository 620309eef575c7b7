using System.Numerics.Tensors;
using AgentFramework.Caching;
using AgentFramework.Caching.Verification;
using AgentFramework.Testing;

namespace AgentFramework.CacheQuality;

/// <summary>
/// Refits <see cref="LearnedHitVerifier"/>: logistic regression (Newton–Raphson, small L2) on the pairs that pass
/// the default cosine threshold and the slot guard — exactly the candidates the learned stage sees in production.
/// Prints the coefficients to paste into <c>LearnedHitVerifier.DefaultCoefficients</c>, the probability curve and a
/// 5-fold cross-validation of the whole decision.
/// </summary>
internal static class Fitting
{
    public static async Task RunAsync(string file, EmbeddingStore store)
    {
        var pairs = PairCsv.Read(file, Console.Error);
        await store.EnsureAsync(pairs.SelectMany(p => new[] { p.Query, p.Cached }));
        var gate = SemanticCacheOptions.DefaultThreshold;
        var rows = new List<(double[] X, bool Y, int Index)>();
        var cos = new double[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            cos[i] = TensorPrimitives.CosineSimilarity(store[pairs[i].Query], store[pairs[i].Cached]);
            var a = TextFeatures.Of(pairs[i].Query);
            var b = TextFeatures.Of(pairs[i].Cached);
            if (cos[i] >= gate && SlotGuardVerifier.Check(a, b) is null)
            {
                rows.Add((LearnedHitVerifier.Features(cos[i], a, b), pairs[i].Duplicate, i));
            }
        }

        Console.WriteLine($"Fitting on {rows.Count} candidates of {pairs.Count} pairs (cosine >= {gate:0.00}, slot guard passed; {rows.Count(r => r.Y)} duplicates).");
        var w = Fit(rows);
        Console.WriteLine("Coefficients (intercept, cosine, content Jaccard, unmatched wordier side/4, unmatched other side/4, length ratio, longer length/30):");
        Console.WriteLine($"  [{string.Join(", ", w.Select(x => x.ToString("0.0000")))}]");

        Console.WriteLine("Whole decision on the fitting file by minimum probability (P / R / FHR / F1):");
        foreach (var p in new[] { 0.3, 0.4, 0.5, 0.6, 0.65, 0.68, 0.7, 0.71, 0.72, 0.73, 0.74, 0.75, 0.8 })
        {
            var hit = new bool[pairs.Count];
            foreach (var r in rows)
            {
                hit[r.Index] = LearnedHitVerifier.Probability(w, r.X) >= p;
            }

            var s = Scores.Of(pairs, i => hit[i]);
            Console.WriteLine($"  p >= {p:0.00}: {s.Precision * 100,5:0.0} / {s.Recall * 100,5:0.0} / {s.FalseHitRate * 100,5:0.0} / {s.F1:0.000}");
        }

        // 5-fold cross-validation: fit on four folds, score the whole decision on the fifth.
        var rng = new Random(7);
        var fold = Enumerable.Range(0, pairs.Count).Select(_ => rng.Next(5)).ToArray();
        int tp = 0, fp = 0, pos = 0, neg = 0;
        for (var k = 0; k < 5; k++)
        {
            var wk = Fit(rows.Where(r => fold[r.Index] != k).ToList());
            var hit = new bool[pairs.Count];
            foreach (var r in rows.Where(r => fold[r.Index] == k))
            {
                hit[r.Index] = LearnedHitVerifier.Probability(wk, r.X) >= LearnedHitVerifier.DefaultMinProbability;
            }

            for (var i = 0; i < pairs.Count; i++)
            {
                if (fold[i] != k)
                {
                    continue;
                }

                if (pairs[i].Duplicate)
                {
                    pos++;
                    tp += hit[i] ? 1 : 0;
                }
                else
                {
                    neg++;
                    fp += hit[i] ? 1 : 0;
                }
            }
        }

        Console.WriteLine($"5-fold cross-validated whole decision at p >= {LearnedHitVerifier.DefaultMinProbability}: {new Scores(tp, fp, pos, neg)}");
    }

    private static double[] Fit(List<(double[] X, bool Y, int Index)> rows)
    {
        var n = LearnedHitVerifier.FeatureCount + 1;
        var w = new double[n];
        const double l2 = 1e-3;
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var g = new double[n];
            var h = new double[n, n];
            foreach (var (x, y, _) in rows)
            {
                var xi = new double[n];
                xi[0] = 1;
                Array.Copy(x, 0, xi, 1, x.Length);
                var p = LearnedHitVerifier.Probability(w, x);
                var err = p - (y ? 1 : 0);
                var s = Math.Max(p * (1 - p), 1e-9);
                for (var a = 0; a < n; a++)
                {
                    g[a] += err * xi[a];
                    for (var b = 0; b < n; b++)
                    {
                        h[a, b] += s * xi[a] * xi[b];
                    }
                }
            }

            for (var a = 0; a < n; a++)
            {
                g[a] += l2 * rows.Count * w[a] * (a == 0 ? 0 : 1);
                h[a, a] += l2 * rows.Count * (a == 0 ? 1e-6 : 1);
            }

            var step = Solve(h, g);
            var change = 0.0;
            for (var a = 0; a < n; a++)
            {
                w[a] -= step[a];
                change = Math.Max(change, Math.Abs(step[a]));
            }

            if (change < 1e-8)
            {
                break;
            }
        }

        return w;
    }

    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = r;
                }
            }

            for (var c = 0; c < n; c++)
            {
                (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
            }

            (x[col], x[pivot]) = (x[pivot], x[col]);
            for (var r = 0; r < n; r++)
            {
                if (r == col)
                {
                    continue;
                }

                var f = m[r, col] / m[col, col];
                for (var c = 0; c < n; c++)
                {
                    m[r, c] -= f * m[col, c];
                }

                x[r] -= f * x[col];
            }
        }

        for (var i = 0; i < n; i++)
        {
            x[i] /= m[i, i];
        }

        return x;
    }
}
