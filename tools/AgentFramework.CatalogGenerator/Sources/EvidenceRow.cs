namespace AgentFramework.CatalogGenerator.Sources;

/// <summary>One benchmark score of one model, as a source file states it.</summary>
/// <param name="Source">The source's short name (<c>epoch-eci</c>, <c>epoch-runs</c>, <c>llmstats</c>).</param>
/// <param name="Benchmark">The benchmark's display name (<c>GPQA Diamond</c>, <c>MMLU-Pro</c>, …).</param>
/// <param name="ModelName">The model name exactly as the source spells it.</param>
/// <param name="Score">The score: a fraction in [0, 1] for accuracies, index points for ECI.</param>
/// <param name="DisplayName">A human-readable model name when the source gives one.</param>
internal sealed record EvidenceRow(string Source, string Benchmark, string ModelName, double Score, string? DisplayName);
