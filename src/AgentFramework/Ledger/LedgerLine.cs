namespace AgentFramework.Ledger;

/// <summary>Totals for one (step, model) pair, for a step's lookups that had no model, or for a whole step or the total.</summary>
public sealed record LedgerLine
{
    /// <summary>The step id.</summary>
    public required string StepId { get; init; }

    /// <summary>
    /// The model id. <c>null</c> on the <see cref="LedgerSnapshot.Steps"/> and <see cref="LedgerSnapshot.Total"/>
    /// lines, and on the one <see cref="LedgerSnapshot.StepModels"/> line per step that holds its cache lookups
    /// that ended without a model (misses, vetoes, bypasses: the call that followed is on its model's line).
    /// </summary>
    public string? ModelId { get; init; }

    /// <summary>Upstream calls (successful and failed).</summary>
    public long Calls { get; init; }

    /// <summary>Upstream calls that threw.</summary>
    public long FailedCalls { get; init; }

    /// <summary>Input tokens sent upstream.</summary>
    public long InputTokens { get; init; }

    /// <summary>Output tokens received.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Input tokens billed at the cached-input price.</summary>
    public long CachedInputTokens { get; init; }

    /// <summary>US dollars spent.</summary>
    public double CostUsd { get; init; }

    /// <summary>US dollars the same calls would have cost on the baseline model.</summary>
    public double BaselineCostUsd { get; init; }

    /// <summary>Exact-tier hits.</summary>
    public long ExactHits { get; init; }

    /// <summary>Semantic-tier hits.</summary>
    public long SemanticHits { get; init; }

    /// <summary>Candidates vetoed by the verifier.</summary>
    public long Vetoes { get; init; }

    /// <summary>Lookups that bypassed the cache.</summary>
    public long Bypasses { get; init; }

    /// <summary>Lookups that found nothing.</summary>
    public long Misses { get; init; }

    /// <summary>US dollars the cache hits avoided.</summary>
    public double SavedByCacheUsd { get; init; }

    /// <summary>Tokens (input + output) the cache hits avoided.</summary>
    public long TokensSavedByCache { get; init; }

    /// <summary>What a naive setup would have spent: the baseline cost of the calls made plus that of the calls avoided.</summary>
    public double NaiveCostUsd { get; init; }

    /// <summary>Median cache lookup time, or <c>null</c> with no lookups.</summary>
    public TimeSpan? LookupP50 { get; init; }

    /// <summary>95th-percentile cache lookup time, or <c>null</c> with no lookups.</summary>
    public TimeSpan? LookupP95 { get; init; }

    /// <summary>The baseline model of the step's calls, when there was one.</summary>
    public string? BaselineModelId { get; init; }
}
