using AgentFramework.CatalogGenerator.Sources;

namespace AgentFramework.CatalogGenerator.Mapping;

/// <summary>
/// The one score→level method applied to every model: for each capability an ordered list of
/// <see cref="LevelScale"/>s; the first scale for which the model has a score decides the level.
/// </summary>
/// <remarks>
/// Why this shape: a model is judged by the most direct evidence available (Epoch's own runs before
/// vendor-reported numbers, task-specific benchmarks before general-ability indices), and never by
/// cherry-picking the best of several. Thresholds were set once, against the whole field, so that
/// small cheap models are Standard-or-better at routine language work and only the strongest
/// models reach Frontier in reasoning; they are not tuned per model. The README prints this table.
/// </remarks>
internal static class LevelMapping
{
    // Routine language work (pick a label, pull fields): general ability suffices, so the bar is lower.
    private static readonly LevelScale[] RoutineLanguage =
    [
        new(Benchmarks.Eci, SourceNames.EpochEci, 105, 118, 128, 138),
        new(Benchmarks.MmluPro, SourceNames.LlmStats, 0.40, 0.55, 0.68, 0.80),
        new(Benchmarks.Mmlu, SourceNames.LlmStats, 0.60, 0.70, 0.80, 0.90),
        new(Benchmarks.GpqaDiamond, SourceNames.EpochRuns, 0.25, 0.35, 0.50, 0.70, IsProxy: true),
        new(Benchmarks.Gpqa, SourceNames.LlmStats, 0.25, 0.35, 0.55, 0.75, IsProxy: true),
    ];

    // Open-ended language work (summaries, prose, dialogue): one notch stricter than routine work.
    private static readonly LevelScale[] OpenLanguage =
    [
        new(Benchmarks.Eci, SourceNames.EpochEci, 110, 122, 132, 140),
        new(Benchmarks.MmluPro, SourceNames.LlmStats, 0.45, 0.60, 0.72, 0.82),
        new(Benchmarks.Mmlu, SourceNames.LlmStats, 0.65, 0.75, 0.85, 0.91),
        new(Benchmarks.GpqaDiamond, SourceNames.EpochRuns, 0.30, 0.40, 0.60, 0.77, IsProxy: true),
        new(Benchmarks.Gpqa, SourceNames.LlmStats, 0.30, 0.45, 0.65, 0.83, IsProxy: true),
    ];

    private static readonly LevelScale Mmmlu = new(Benchmarks.Mmmlu, SourceNames.LlmStats, 0.60, 0.70, 0.80, 0.88);

    private static readonly LevelScale[] Reasoning =
    [
        new(Benchmarks.GpqaDiamond, SourceNames.EpochRuns, 0.30, 0.45, 0.60, 0.77),
        new(Benchmarks.Gpqa, SourceNames.LlmStats, 0.30, 0.45, 0.65, 0.83),
        new(Benchmarks.Eci, SourceNames.EpochEci, 110, 122, 132, 142, IsProxy: true),
    ];

    private static readonly LevelScale[] Math =
    [
        new(Benchmarks.OtisMockAime, SourceNames.EpochRuns, 0.01, 0.15, 0.40, 0.80),
        new(Benchmarks.MathLevel5, SourceNames.EpochRuns, 0.20, 0.45, 0.75, 0.97),
        new(Benchmarks.Aime2024, SourceNames.LlmStats, 0.05, 0.20, 0.50, 0.85),
        new(Benchmarks.Math, SourceNames.LlmStats, 0.30, 0.50, 0.75, 0.95),
    ];

    private static readonly LevelScale[] Coding =
    [
        new(Benchmarks.SweBenchVerified, SourceNames.EpochRuns, 0.10, 0.25, 0.40, 0.58),
        new(Benchmarks.SweBenchVerified, SourceNames.LlmStats, 0.15, 0.30, 0.50, 0.70),
        new(Benchmarks.LiveCodeBench, SourceNames.LlmStats, 0.15, 0.30, 0.50, 0.75),
        new(Benchmarks.HumanEval, SourceNames.LlmStats, 0.50, 0.75, 0.88, null),
    ];

    // Tool use: a tool benchmark when one exists; otherwise general ability stands in, capped at
    // Advanced, and only for models whose API supports function calling.
    private static readonly LevelScale[] ToolUse =
    [
        new(Benchmarks.TauBenchRetail, SourceNames.LlmStats, 0.20, 0.45, 0.65, 0.80),
        new(Benchmarks.Bfcl, SourceNames.LlmStats, 0.50, 0.65, 0.80, 0.90),
        new(Benchmarks.Eci, SourceNames.EpochEci, 110, 122, 132, null, IsProxy: true),
        new(Benchmarks.MmluPro, SourceNames.LlmStats, 0.45, 0.60, 0.72, null, IsProxy: true),
        new(Benchmarks.Mmlu, SourceNames.LlmStats, 0.65, 0.75, 0.85, null, IsProxy: true),
        new(Benchmarks.GpqaDiamond, SourceNames.EpochRuns, 0.30, 0.40, 0.60, null, IsProxy: true),
        new(Benchmarks.Gpqa, SourceNames.LlmStats, 0.30, 0.45, 0.65, null, IsProxy: true),
    ];

    /// <summary>The ordered scales for each capability, in <see cref="Capability"/> order.</summary>
    public static IReadOnlyList<KeyValuePair<Capability, IReadOnlyList<LevelScale>>> Rules { get; } =
    [
        new(Capability.Classification, RoutineLanguage),
        new(Capability.Extraction, RoutineLanguage),
        new(Capability.Summarization, OpenLanguage),
        new(Capability.Translation, [OpenLanguage[0], Mmmlu, .. OpenLanguage[1..]]),
        new(Capability.Writing, OpenLanguage),
        new(Capability.Conversation, OpenLanguage),
        new(Capability.Reasoning, Reasoning),
        new(Capability.Math, Math),
        new(Capability.Coding, Coding),
        new(Capability.ToolUse, ToolUse),
    ];

    /// <summary>The scales for one capability.</summary>
    public static IReadOnlyList<LevelScale> ScalesFor(Capability capability) =>
        Rules.First(r => r.Key == capability).Value;

    /// <summary>Whether a capability's level needs API support beyond benchmark evidence.</summary>
    public static bool RequiresToolCalling(Capability capability) => capability == Capability.ToolUse;

    /// <summary>
    /// The level for one capability: the first scale in order for which <paramref name="scoreOf"/>
    /// returns a score decides; <c>null</c> when no scale has a score or the score is below Basic.
    /// </summary>
    public static (LevelScale Scale, CapabilityLevel Level, double Score)? Evaluate(
        Capability capability,
        Func<string, string, double?> scoreOf)
    {
        ArgumentNullException.ThrowIfNull(scoreOf);
        foreach (var scale in ScalesFor(capability))
        {
            if (scoreOf(scale.Benchmark, scale.Source) is not { } score)
            {
                continue;
            }

            var level = scale.LevelFor(score);
            return level == CapabilityLevel.None ? null : (scale, level, score);
        }

        return null;
    }

    /// <summary>The method as text, for the catalog's <c>levelMapping</c> field.</summary>
    public const string MethodText =
        "For each capability, the scales below are tried in order; the first benchmark for which the model has a score decides " +
        "(later ones are never consulted, so the best of several scores is never cherry-picked). The level is the highest whose " +
        "threshold the score meets; below basic, or with no score at all, the capability is omitted. A model's score on a benchmark " +
        "is the best over its evaluated settings (reasoning effort, thinking budget) and over its matching snapshots; a name that " +
        "matches the model's own id or a dated alias exactly is preferred over a same-family snapshot (see the generator README). " +
        "toolUse needs supports_function_calling in litellm; without a tool benchmark, general ability stands in, capped at advanced.";
}
