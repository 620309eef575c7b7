using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFramework.Caching.Verification.PairModel;

/// <summary>
/// The trained pair model's verdict: a cross-encoder (all-MiniLM-L6-v2 with layers 2–5 and a logit head trained
/// by tools/PairVerifierTraining) reads the new and the stored request together; the candidate is served when
/// <c>logit + CosineWeight × (cosine − 0.85)</c> reaches <see cref="MinScore"/>. It runs only on candidates that reached
/// the similarity threshold, one pass each, and reads everyday short forms written out (<see cref="PairModelShortForms"/>).
/// </summary>
/// <remarks>
/// <para>The cosine term is there because it measured better than the logit alone: on the held-out fold of qqp-dev the
/// fold model's logit alone gave 83.6 % precision at 50 % recall (cosine ≥ 0.75), with 5 × and 15 × cosine 84.8 % and 85.6 %.
/// In the default set (<c>DefaultVerifierSet</c>) it overrules <see cref="LearnedHitVerifier"/>: a candidate that verifier
/// accepts is served without a model pass, one it vetoes is served when the score reaches 2.0.</para>
/// <para>The model ships as a delta over the embedding model (the trained initialisers, checksum-verified) and is rebuilt
/// on first use next to the embedding model (or under the user's local application data): by default an int8-MatMul copy
/// (per-token activation scales) scores every candidate and the float-MatMul copy settles those within
/// <see cref="Int8ConfirmMargin"/> of the bar (<see cref="SemanticCacheOptions.UseInt8PairModel"/>).</para>
/// <para>When the model cannot be loaded (missing embedding model, damaged delta, ONNX Runtime failure), one error is
/// logged and this stage decides with a stricter fallback instead: every <see cref="SlotGuardVerifier"/> rule and
/// <see cref="LearnedHitVerifier"/> at <see cref="FallbackMinProbability"/> — a subset of what the previous default
/// (every slot-guard rule, <see cref="LearnedHitVerifier.DefaultMinProbability"/>) served, never more.</para>
/// </remarks>
internal sealed class PairModelVerifier : ICacheHitVerifier
{
    /// <summary>The default bar for <c>logit + CosineWeight × (cosine − 0.85)</c> (fitted with the CacheQuality harness; see its README).</summary>
    public const double DefaultMinScore = 0.0;

    /// <summary>The default weight of the cosine similarity in the score.</summary>
    public const double DefaultCosineWeight = 10.0;

    /// <summary>The cosine the score is centred on (a candidate at this cosine is judged by its logit alone).</summary>
    public const double CosineCentre = 0.85;

    /// <summary>The lexical verifier's bar in the fallback decision.</summary>
    public const double FallbackMinProbability = 0.85;

    /// <summary>
    /// With int8 MatMuls, a score this close to the bar that decides is scored again by the float model, whose score then
    /// decides: int8 moved the logit by at most 0.955 on 2,656 fixed pairs (mean 0.10), so beyond this margin it cannot
    /// flip a decision the float model would make.
    /// </summary>
    public const double Int8ConfirmMargin = 1.25;

    private static readonly Lazy<(PairModel? Model, Exception? Error)> Shared = new(() => TryLoad(() => PairModel.LoadDefault()), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<(PairModel? Model, Exception? Error)> SharedInt8 = new(() => TryLoad(() => PairModel.LoadDefault(int8MatMuls: true)), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lazy<(PairModel? Model, Exception? Error)> _model;
    private readonly Lazy<(PairModel? Model, Exception? Error)>? _confirm;
    private readonly ILogger _logger;
    private readonly LearnedHitVerifier _fallbackLearned = new(FallbackMinProbability);
    private int _failureLogged;
    private int _confirmFailureLogged;
    private int _loadedLogged;
    private int _confirmLoadedLogged;

    /// <summary>Creates the verifier over the shipped model (loaded once per process, on the first candidate).</summary>
    /// <param name="logger">Receives the load failure, if any.</param>
    /// <param name="minScore">The score a candidate needs; default <see cref="DefaultMinScore"/>.</param>
    /// <param name="cosineWeight">The cosine's weight in the score; default <see cref="DefaultCosineWeight"/>.</param>
    /// <param name="int8MatMuls">Run the model with int8 MatMuls (<see cref="SemanticCacheOptions.UseInt8PairModel"/>).</param>
    public PairModelVerifier(ILogger? logger = null, double minScore = DefaultMinScore, double cosineWeight = DefaultCosineWeight, bool int8MatMuls = false)
        : this(int8MatMuls ? SharedInt8 : Shared, logger, minScore, cosineWeight)
    {
        _confirm = int8MatMuls ? Shared : null;
    }

    internal PairModelVerifier(Func<PairModel> load, ILogger? logger = null, double minScore = DefaultMinScore, double cosineWeight = DefaultCosineWeight, Func<PairModel>? confirm = null)
        : this(new Lazy<(PairModel?, Exception?)>(() => TryLoad(load), LazyThreadSafetyMode.ExecutionAndPublication), logger, minScore, cosineWeight)
    {
        _confirm = confirm is null ? null : new Lazy<(PairModel?, Exception?)>(() => TryLoad(confirm), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private PairModelVerifier(Lazy<(PairModel? Model, Exception? Error)> model, ILogger? logger, double minScore, double cosineWeight)
    {
        if (!double.IsFinite(minScore))
        {
            throw new ArgumentOutOfRangeException(nameof(minScore), minScore, "The minimum score must be finite.");
        }

        if (!double.IsFinite(cosineWeight) || cosineWeight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cosineWeight), cosineWeight, "The cosine weight must be finite and not negative.");
        }

        _model = model;
        _logger = logger ?? NullLogger.Instance;
        MinScore = minScore;
        CosineWeight = cosineWeight;
    }

    /// <summary>The score a candidate needs to be served.</summary>
    public double MinScore { get; }

    /// <summary>
    /// Slot-guard rules that raise the bar by <see cref="SoftRuleMargin"/> instead of vetoing: on general paraphrase
    /// traffic they vetoed more true paraphrases than false ones, so the model decides, with less benefit of the doubt.
    /// </summary>
    public SlotGuardRules SoftRules { get; init; }

    /// <summary>How much higher than <see cref="MinScore"/> the score must be when one of <see cref="SoftRules"/> fires,
    /// whatever the <see cref="Lexical"/> verifier said.</summary>
    public double SoftRuleMargin { get; init; }

    /// <summary>
    /// When set, a candidate the lexical verifier accepts needs only this (lower) score, and <see cref="MinScore"/> is the
    /// bar for the candidates it vetoes: the model then removes what it is sure is wrong from the lexical decision and
    /// adds what it is sure is right.
    /// </summary>
    public LearnedHitVerifier? Lexical { get; init; }

    /// <summary>The score a candidate the <see cref="Lexical"/> verifier accepts needs.</summary>
    public double LexicalAcceptedMinScore { get; init; } = double.NegativeInfinity;

    /// <summary>
    /// A pair whose two prompts both have at most this many words is short (0: none is): a lexical accept of a short
    /// pair needs <see cref="ShortLexicalAcceptedMinScore"/> when that is higher than <see cref="LexicalAcceptedMinScore"/>
    /// (never more than the short pair's overrule bar, <see cref="ShortPairMinScore"/>).
    /// The low lexical bar is there for long documentation statements, which the model reads worst; short requests
    /// with a changed fact pass the lexical verifier too.
    /// </summary>
    public int ShortPairMaxWords { get; init; }

    /// <summary>The score a lexical accept of a short pair (<see cref="ShortPairMaxWords"/>) needs.</summary>
    public double ShortLexicalAcceptedMinScore { get; init; } = double.NegativeInfinity;

    /// <summary>The score a short pair (<see cref="ShortPairMaxWords"/>) the lexical verifier vetoes needs; NaN (the
    /// default): <see cref="MinScore"/>.</summary>
    public double ShortPairMinScore { get; init; } = double.NaN;

    /// <summary>The cosine's weight in the score.</summary>
    public double CosineWeight { get; }

    /// <summary>True once the model is loaded; false before the first candidate or when it failed to load.</summary>
    public bool ModelLoaded => _model.IsValueCreated && _model.Value.Model is not null;

    /// <inheritdoc />
    public string Name => "pair-model";

    /// <inheritdoc />
    public CacheVerdict Verify(in CacheHitCandidate candidate)
    {
        var (model, error) = _model.Value;
        var confirm = _confirm;
        if (model is null && confirm?.Value.Model is { } floatModel)
        {
            // The int8 model failed but the float one works: it decides alone (the same decisions, a float pass each).
            if (Interlocked.Exchange(ref _failureLogged, 1) == 0)
            {
                PairModelLog.Int8Unavailable(_logger, error!, error!.Message);
            }

            (model, confirm) = (floatModel, null);
        }

        if (model is null)
        {
            if (Interlocked.Exchange(ref _failureLogged, 1) == 0)
            {
                PairModelLog.LoadFailed(_logger, error!, error!.Message, FallbackMinProbability);
            }

            return Fallback(candidate);
        }

        if (Interlocked.Exchange(ref _loadedLogged, 1) == 0)
        {
            PairModelLog.Loaded(_logger, model.Description);
        }

        // A soft rule that fires always takes the model's word (lexical acceptance does not wave it through).
        var soft = SoftRules == SlotGuardRules.None ? null : SlotGuardVerifier.Check(TextFeatures.Of(candidate.Prompt), TextFeatures.Of(candidate.CachedPrompt), SoftRules);
        var lexical = Lexical?.Verify(candidate);
        if (lexical is { Accepted: true } accepted && !NeedsPass(lexicalAccepted: true, soft is not null))
        {
            // Nothing the model could say would veto it: no pass.
            return new CacheVerdict(true, "lexical " + accepted.Reason);
        }

        var (prompt, cachedPrompt) = (PairModelShortForms.Expand(candidate.Prompt), PairModelShortForms.Expand(candidate.CachedPrompt));
        var logit = model.Score(prompt, cachedPrompt);
        var score = Combine(logit, candidate.Similarity, CosineWeight);
        var bar = Bar(lexical is { Accepted: true }, soft is not null, IsShortPair(candidate.Prompt, candidate.CachedPrompt));
        var confirmed = false;
        if (confirm is not null && Math.Abs(score - bar) < Int8ConfirmMargin)
        {
            // Too close to the bar for int8's error: the float model decides.
            if (confirm.Value.Model is not { } exact)
            {
                // Nothing to settle it with: the stricter side, so int8's error never serves what the float model would refuse.
                if (Interlocked.Exchange(ref _confirmFailureLogged, 1) == 0)
                {
                    PairModelLog.FloatUnavailable(_logger, confirm.Value.Error!, confirm.Value.Error!.Message, Int8ConfirmMargin);
                }

                return CacheVerdict.Veto(string.Create(CultureInfo.InvariantCulture, $"low-score(logit={logit:0.00} score={score:0.00} bar={bar:0.00} int8 near the bar, no float model)"));
            }

            if (Interlocked.Exchange(ref _confirmLoadedLogged, 1) == 0)
            {
                PairModelLog.Loaded(_logger, "near the bar: " + exact.Description);
            }

            logit = exact.Score(prompt, cachedPrompt);
            score = Combine(logit, candidate.Similarity, CosineWeight);
            confirmed = true;
        }

        var note = string.Create(CultureInfo.InvariantCulture, $"logit={logit:0.00}{(confirmed ? " (float)" : "")} score={score:0.00} bar={bar:0.00}{(lexical is null ? "" : " lexical " + lexical.Value.Reason)}{(soft is null ? "" : " " + soft)}");
        return score >= bar ? new CacheVerdict(true, note) : CacheVerdict.Veto("low-score(" + note + ")");
    }

    /// <summary>Whether the decision needs the model's score: not when the lexical verifier accepted, no soft rule fired
    /// and no bar applies to lexical accepts (shared with the quality harness).</summary>
    internal bool NeedsPass(bool lexicalAccepted, bool softRuleFired) =>
        softRuleFired || !lexicalAccepted || !double.IsNegativeInfinity(LexicalAcceptedMinScore);

    /// <summary>The decision for a candidate the slot guard let through, given the model's score (read only when
    /// <see cref="NeedsPass"/>): the quality harness replays production decisions over stored scores with it. It takes
    /// the prompts, not a flag, so every replay judges a pair short exactly as <see cref="Verify"/> does.</summary>
    internal bool Serves(bool lexicalAccepted, bool softRuleFired, double score, string prompt, string cachedPrompt) =>
        !NeedsPass(lexicalAccepted, softRuleFired) || score >= Bar(lexicalAccepted, softRuleFired, IsShortPair(prompt, cachedPrompt));

    /// <summary>The score a candidate needs (shared with the quality harness): the soft-rule bar when a soft rule fired,
    /// else the lexical-accepted bar or the overrule bar.</summary>
    internal double Bar(bool lexicalAccepted, bool softRuleFired, bool shortPair = false)
    {
        var overrule = shortPair && !double.IsNaN(ShortPairMinScore) ? ShortPairMinScore : MinScore;
        return softRuleFired ? MinScore + SoftRuleMargin
            : lexicalAccepted ? Math.Min(overrule, shortPair ? Math.Max(LexicalAcceptedMinScore, ShortLexicalAcceptedMinScore) : LexicalAcceptedMinScore)
            : overrule;
    }

    /// <summary>Whether both prompts have at most <see cref="ShortPairMaxWords"/> words (shared with the quality harness).</summary>
    internal bool IsShortPair(string prompt, string cachedPrompt) =>
        ShortPairMaxWords > 0 && WordCountAtMost(prompt, ShortPairMaxWords) && WordCountAtMost(cachedPrompt, ShortPairMaxWords);

    private static bool WordCountAtMost(string text, int max)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                if (++words > max)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The decision score of a pair (shared with the quality harness).</summary>

    internal static double Combine(double logit, double cosine, double cosineWeight) => logit + (cosineWeight * (cosine - CosineCentre));

    /// <summary>The logit for a pair as <see cref="Verify"/> scores it (short forms written out), or <c>null</c> when the
    /// model is unavailable (the quality harness reads it).</summary>
    internal float? Logit(string prompt, string cachedPrompt) =>
        _model.Value.Model?.Score(PairModelShortForms.Expand(prompt), PairModelShortForms.Expand(cachedPrompt));

    /// <summary>The logits for many pairs through the model's batch path (on every core), or <c>null</c> when the model
    /// is unavailable (the quality harness reads them).</summary>
    internal float[]? Logits(IReadOnlyList<(string Prompt, string CachedPrompt)> pairs) =>
        _model.Value.Model?.Score([.. pairs.Select(p => (PairModelShortForms.Expand(p.Prompt), PairModelShortForms.Expand(p.CachedPrompt)))]);

    private CacheVerdict Fallback(in CacheHitCandidate candidate)
    {
        var guard = SlotGuardVerifier.Instance.Verify(candidate);
        if (!guard.Accepted)
        {
            return CacheVerdict.Veto("fallback:" + guard.Reason);
        }

        var learned = _fallbackLearned.Verify(candidate);
        return learned.Accepted ? new CacheVerdict(true, "fallback:" + learned.Reason) : CacheVerdict.Veto("fallback:" + learned.Reason);
    }

    private static (PairModel?, Exception?) TryLoad(Func<PairModel> load)
    {
        try
        {
            return (load(), null);
        }
        catch (Exception ex)
        {
            return (null, ex);
        }
    }
}
