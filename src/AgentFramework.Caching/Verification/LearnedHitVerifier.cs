
namespace AgentFramework.Caching.Verification;

/// <summary>
/// A logistic-regression judge over cosine similarity and lexical features, fitted on qqp-dev
/// (the fitting procedure is the CacheQuality harness's <c>fit</c> command; its README has the figures).
/// Vetoes candidates whose estimated probability of being a true paraphrase is below <see cref="MinProbability"/>.
/// </summary>
/// <remarks>
/// Cosine alone over-trusts long prompts that share most words but ask something else; the lexical
/// features (content-word overlap, unmatched content words, length ratio) correct for that.
/// </remarks>
internal sealed class LearnedHitVerifier : ICacheHitVerifier
{
    // Fitted by `dotnet run -c Release --project benchmarks/AgentFramework.CacheQuality -- fit` (see its README).
    // Order: intercept, cosine, content Jaccard, unmatched content words on the wordier side (/4), on the other side (/4),
    // token length ratio, longer length (/30).
    internal static readonly double[] DefaultCoefficients = [-3.7226, 4.2726, 0.4735, 0.3055, 1.1039, 0.3338, 0.2089];

    /// <summary>The default minimum probability.</summary>
    public const double DefaultMinProbability = 0.72;

    private readonly double[] _coefficients;

    /// <summary>Creates the verifier with the fitted coefficients.</summary>
    /// <param name="minProbability">The probability a candidate needs; default <see cref="DefaultMinProbability"/>.</param>
    public LearnedHitVerifier(double minProbability = DefaultMinProbability)
        : this(DefaultCoefficients, minProbability)
    {
    }

    internal LearnedHitVerifier(double[] coefficients, double minProbability)
    {
        if (coefficients.Length != FeatureCount + 1)
        {
            throw new ArgumentException($"Expected {FeatureCount + 1} coefficients.", nameof(coefficients));
        }

        if (!(minProbability is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minProbability), minProbability, "The minimum probability must be within [0, 1].");
        }

        _coefficients = coefficients;
        MinProbability = minProbability;
    }

    /// <summary>How many features the model reads.</summary>
    internal const int FeatureCount = 6;

    /// <summary>The probability a candidate needs to be served.</summary>
    public double MinProbability { get; }

    /// <inheritdoc />
    public string Name => "learned";

    /// <inheritdoc />
    public CacheVerdict Verify(in CacheHitCandidate candidate)
    {
        var p = Probability(_coefficients, Features(candidate.Similarity, TextFeatures.Of(candidate.Prompt), TextFeatures.Of(candidate.CachedPrompt)));
        var note = "p=" + p.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        return p >= MinProbability ? new CacheVerdict(true, note) : CacheVerdict.Veto("low-probability(" + note + ")");
    }

    /// <summary>The feature vector of a pair (shared with the fitting harness).</summary>
    internal static double[] Features(double cosine, TextFeatures a, TextFeatures b)
    {
        var sa = a.ContentStems.ToHashSet(StringComparer.Ordinal);
        var sb = b.ContentStems.ToHashSet(StringComparer.Ordinal);
        var intersection = sa.Count(sb.Contains);
        var union = sa.Count + sb.Count - intersection;
        var jaccard = union == 0 ? 1.0 : (double)intersection / union;
        var aOnly = sa.Count - intersection;
        var bOnly = sb.Count - intersection;
        var la = Math.Max(1, a.Tokens.Count);
        var lb = Math.Max(1, b.Tokens.Count);
        var ratio = (double)Math.Min(la, lb) / Math.Max(la, lb);
        return
        [
            cosine,
            jaccard,
            Math.Min(4, Math.Max(aOnly, bOnly)) / 4.0,
            Math.Min(4, Math.Min(aOnly, bOnly)) / 4.0,
            ratio,
            Math.Min(30, Math.Max(la, lb)) / 30.0,
        ];
    }

    internal static double Probability(double[] coefficients, double[] features)
    {
        var z = coefficients[0];
        for (var i = 0; i < features.Length; i++)
        {
            z += coefficients[i + 1] * features[i];
        }

        return 1.0 / (1.0 + Math.Exp(-z));
    }
}
