namespace AgentFramework.Ledger;

/// <summary>Totals for one (step, model) pair, or for a whole step when <see cref="ModelId"/> is <c>null</c>.</summary>
public sealed record LedgerLine
{
    /// <summary>The step id.</summary>
    public required string StepId { get; init; }

    /// <summary>The model id, or <c>null</c> on a per-step total.</summary>
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

/// <summary>A consistent copy of the ledger's totals.</summary>
/// <param name="Steps">One line per step.</param>
/// <param name="StepModels">One line per (step, model).</param>
/// <param name="Total">The sum over all steps.</param>
public sealed record LedgerSnapshot(IReadOnlyList<LedgerLine> Steps, IReadOnlyList<LedgerLine> StepModels, LedgerLine Total);
