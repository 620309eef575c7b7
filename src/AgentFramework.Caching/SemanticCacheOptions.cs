using System.ComponentModel.DataAnnotations;
using AgentFramework.Caching.Invalidation;
using AgentFramework.Caching.Verification;
using AgentFramework.Caching.Verification.PairModel;
using Microsoft.Extensions.AI;

namespace AgentFramework.Caching;

/// <summary>Settings of the <see cref="SemanticCache"/>; validated with DataAnnotations when registered through DI.</summary>
public sealed class SemanticCacheOptions
{
    /// <summary>
    /// The default similarity threshold: the cosine a stored prompt needs before the verifiers see it. Chosen out of
    /// fold (the CacheQuality harness's <c>cv</c> over the pair model's cross-validation folds; its README has the rule,
    /// written before the figures): at 0.70 the default verifiers serve 81.3% precision / 55.0% recall / 7.5% false
    /// hits on qqp-dev (0.75: 81.3 / 54.1 / 7.4) and 82.7 / 57.9 / 9.7 on the agent and hand-written pairs (0.75:
    /// 82.1 / 53.8 / 9.4); lower gates cost qqp precision and added agent false hits. Plain cosine at 0.90 gives 78.0 / 42.0 / 7.0 on
    /// qqp-dev: the verifiers, not the threshold, decide most pairs.
    /// </summary>
    public const double DefaultThreshold = 0.70;

    /// <summary>
    /// The cosine similarity a stored prompt must reach before the verifiers are consulted.
    /// A step's <c>[SemanticCache(Threshold = …)]</c> overrides it.
    /// </summary>
    /// <value>Default <see cref="DefaultThreshold"/>. Lower values only widen what the verifiers see; the verifiers still decide.</value>
    [Range(0.5, 1.0)]
    public double Threshold { get; set; } = DefaultThreshold;

    /// <summary>How long an answer stays servable, unless the step sets <c>TtlSeconds</c>.</summary>
    /// <value>Default 24 hours.</value>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan DefaultTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long the exact tier keeps an answer in process memory (L1). Other instances only learn of an
    /// invalidation through an <see cref="ICacheInvalidationBus"/>, so a short value bounds staleness without one.
    /// </summary>
    /// <value>Default 5 minutes (never longer than the entry's TTL).</value>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan LocalCacheExpiration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest prompt (last user message, in UTF-16 characters) the cache considers; longer prompts bypass.</summary>
    /// <value>Default 32,768.</value>
    [Range(1, 1 << 20)]
    public int MaxPromptLength { get; set; } = 32 * 1024;

    /// <summary>
    /// When true, a request without a tenant/user scope (from <c>[CacheScope]</c> or
    /// <see cref="SemanticCacheProperties.TenantScope"/>) bypasses the cache instead of sharing a global scope.
    /// </summary>
    /// <value>Default <c>false</c>.</value>
    public bool RequireTenantScope { get; set; }

    /// <summary>
    /// A prompt-template id that partitions the cache when no step is running (outside the step runtime).
    /// A running step's id always wins.
    /// </summary>
    /// <value>Default <c>null</c> (requests outside steps share the scope "-").</value>
    [StringLength(256)]
    public string? PromptTemplateId { get; set; }

    /// <summary>Whether paraphrases are served (needs an embedding generator and a vector index).</summary>
    /// <value>Default <c>true</c>.</value>
    public bool EnableSemanticTier { get; set; } = true;

    /// <summary>How many nearest stored prompts the semantic tier verifies before giving up.</summary>
    /// <value>Default 4.</value>
    [Range(1, 64)]
    public int TopK { get; set; } = 4;

    /// <summary>
    /// Whether a request waits for a concurrent, not yet answered paraphrase in the same scope instead of
    /// calling the model too (semantic stampede protection).
    /// </summary>
    /// <value>Default <c>true</c>.</value>
    public bool CoalescePendingParaphrases { get; set; } = true;

    /// <summary>The longest a request waits for a pending paraphrase before calling the model itself.</summary>
    /// <value>Default 2 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan PendingParaphraseTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The longest a lookup waits for the embedding generator. Past it the request goes to the model (fail open),
    /// the fault is logged and counted (component <c>embedder-timeout</c>), and the answer is still stored in the
    /// semantic tier if the embedding arrives before the model's answer does.
    /// </summary>
    /// <value>
    /// Default 500 ms: the built-in ONNX model embeds a prompt in about 2–10 ms on a busy 2-core machine, so only a
    /// hung or overloaded generator (typically a remote one) reaches it. The timeout cancels the generator's token and
    /// stops waiting; a generator that blocks its caller synchronously cannot be interrupted.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan EmbeddingTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Prefix of every exact-tier key, so several caches can share one L2 store.</summary>
    /// <value>Default <c>"afcache:"</c>.</value>
    [Required]
    [StringLength(64, MinimumLength = 1)]
    public string KeyPrefix { get; set; } = "afcache:";

    /// <summary>This instance's id in <see cref="CacheInvalidation"/> messages.</summary>
    /// <value>Default a new GUID per process.</value>
    [Required]
    [StringLength(128, MinimumLength = 1)]
    public string InstanceId { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>
    /// Whether the built-in verifiers run before any registered ones: <see cref="SlotGuardVerifier"/> then
    /// <see cref="LearnedHitVerifier"/>; with <see cref="UsePairModel"/>, the trained pair model may overrule the
    /// learned verifier's veto.
    /// </summary>
    /// <value>Default <c>true</c>.</value>
    public bool UseDefaultVerifiers { get; set; } = true;

    /// <summary>
    /// Runs the cross-encoder trained by <c>tools/PairVerifierTraining</c> (<see cref="PairModelVerifier"/>) on every
    /// candidate the slot guard lets through: it serves a candidate the learned verifier vetoed when confident (score at least
    /// 2.0; 1.5 when both prompts have at most 14 words) and vetoes one the learned verifier accepted when it is sure they
    /// differ (score below −3.5; −2.0 for such short pairs); the slot guard's vetoes stand. Measured (CacheQuality harness,
    /// 2026-12-07): never-inspected agent half 95.9 % precision, 66.2 % recall, 2.5 % false hits (without the model:
    /// 95.1 / 54.9 / 2.5); qqp-dev, 5-fold cross-validation, 81.3 / 58.9 / 8.1 (the lexical decision 81.3 / 44.1 / 6.0);
    /// hfdocs paraphrase recall 90.7 %. A
    /// candidate costs one int8 pair pass, and a float one too when its score is near the bar
    /// (<see cref="UseInt8PairModel"/>): a hit's lookup is about 1.95× an embedding alone at the median (2.6× with the
    /// float pass alone); a lookup without a candidate costs nothing more. When
    /// the model cannot be loaded the decision falls back to a stricter one (logged once). Set <c>false</c> for the
    /// lexical decision alone.
    /// </summary>
    /// <value>Default <c>true</c>.</value>
    public bool UsePairModel { get; set; } = true;

    /// <summary>
    /// Runs the pair model with int8 MatMuls (per-token activation scales after SmoothQuant-style smoothing) first: a pass
    /// costs about 0.55× the float pass. A candidate whose int8 score lies within
    /// <see cref="PairModelVerifier.Int8ConfirmMargin"/> of the bar that decides it is scored again by the float model,
    /// whose score decides, so the decisions are the float model's (int8 alone flipped ≈ 1 % of them, all near the bars,
    /// and on the never-inspected agent half served 46 of 71 paraphrases against 49). Measured 2026-12-07: every quality
    /// figure identical to the float model's, 13–18 % of candidates confirmed, the stage's time per candidate 0.65–0.71×.
    /// Costs the int8 model's memory (a 24 MB file) beside the float one; <c>false</c> runs the float model alone.
    /// Figures in the Caching benchmark's README.
    /// </summary>
    /// <value>Default <c>true</c>.</value>
    public bool UseInt8PairModel { get; set; } = true;

    /// <summary>
    /// Decides whether an upstream answer may be stored. <c>null</c> uses <see cref="ResponseCacheability.IsCacheable"/>
    /// (no errors, refusals, truncation, tool calls or empty answers).
    /// </summary>
    /// <value>Default <c>null</c>.</value>
    public Func<ChatResponse, bool>? IsCacheableResponse { get; set; }
}
