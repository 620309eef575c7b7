using AgentFramework.Testing;

namespace AgentFramework.CacheQuality;

/// <summary>Confusion counts of a hit decision over labelled pairs.</summary>
internal readonly record struct Scores(int TruePositives, int FalsePositives, int Positives, int Negatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => Positives == 0 ? 0 : (double)TruePositives / Positives;

    public double FalseHitRate => Negatives == 0 ? 0 : (double)FalsePositives / Negatives;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static Scores Of(IReadOnlyList<LabeledPair> pairs, Func<int, bool> hit)
    {
        int tp = 0, fp = 0, pos = 0, neg = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            var h = hit(i);
            if (pairs[i].Duplicate)
            {
                pos++;
                tp += h ? 1 : 0;
            }
            else
            {
                neg++;
                fp += h ? 1 : 0;
            }
        }

        return new Scores(tp, fp, pos, neg);
    }

    public override string ToString() =>
        $"precision {Precision * 100,5:0.0}%  recall {Recall * 100,5:0.0}%  false-hit rate {FalseHitRate * 100,5:0.0}%  F1 {F1:0.000}  (hits {TruePositives + FalsePositives}: {TruePositives} right, {FalsePositives} wrong; {Positives} duplicates, {Negatives} non-duplicates)";
}
