namespace AgentFramework.Ledger;

/// <summary>One cache lookup.</summary>
/// <param name="StepId">The step whose request was looked up.</param>
/// <param name="Outcome">How the ledger counts the lookup (the cache maps its own outcome onto it).</param>
/// <param name="Duration">Time spent in the lookup (embedding, search, verification).</param>
/// <param name="ModelId">For hits: the model whose answer was served.</param>
/// <param name="InputTokens">For hits: input tokens the avoided call would have used.</param>
/// <param name="OutputTokens">For hits: output tokens the avoided call would have produced.</param>
/// <param name="SavedUsd">For hits: the avoided call's cost.</param>
/// <param name="Reason">For vetoes and bypasses: why.</param>
public readonly record struct CacheLookupRecord(
    string StepId,
    CacheLookupResult Outcome,
    TimeSpan Duration,
    string? ModelId = null,
    long InputTokens = 0,
    long OutputTokens = 0,
    double SavedUsd = 0,
    string? Reason = null);
