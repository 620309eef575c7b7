namespace AgentFramework.Ledger;

/// <summary>One upstream model call.</summary>
/// <param name="StepId">The step that made the call.</param>
/// <param name="ModelId">The catalog model that served it.</param>
/// <param name="InputTokens">Input tokens (provider-reported when available, else counted).</param>
/// <param name="OutputTokens">Output tokens.</param>
/// <param name="CachedInputTokens">Input tokens the provider billed at its cached-input price.</param>
/// <param name="CostUsd">What the call cost.</param>
/// <param name="BaselineModelId">The model a naive setup would have used (the bound model or the largest candidate).</param>
/// <param name="BaselineCostUsd">What the same tokens would have cost on <paramref name="BaselineModelId"/>.</param>
/// <param name="Duration">Wall-clock time of the call.</param>
/// <param name="Succeeded">False when the call threw.</param>
/// <param name="TokensEstimated">True when the tokens were counted locally because the provider reported no usage.</param>
public readonly record struct ModelCallRecord(
    string StepId,
    string ModelId,
    long InputTokens,
    long OutputTokens,
    long CachedInputTokens,
    double CostUsd,
    string? BaselineModelId,
    double BaselineCostUsd,
    TimeSpan Duration,
    bool Succeeded,
    bool TokensEstimated = false);
