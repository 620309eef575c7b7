namespace SupportDesk.Job;

/// <summary>Figures of one step over the run, from the ledger and the router.</summary>
public sealed record StepFigures
{
    /// <summary>Step id.</summary>
    public required string Step { get; init; }

    /// <summary>What the step needs, as the router read it from the attributes.</summary>
    public required string Needs { get; init; }

    /// <summary>The model the router chose.</summary>
    public required string Model { get; init; }

    /// <summary>Why (cheapest sufficient, bound, budget downgrade).</summary>
    public required string Reason { get; init; }

    /// <summary>The model an all-frontier setup would have used.</summary>
    public required string NaiveModel { get; init; }

    /// <summary>The models that actually served calls.</summary>
    public required IReadOnlyList<string> ModelsUsed { get; init; }

    /// <summary>How often the agent ran the step.</summary>
    public long Invocations { get; init; }

    /// <summary>Calls that went to a model (ledger).</summary>
    public long Calls { get; init; }

    /// <summary>Independent count: per step, calls that passed the cache; on the total line, calls the model clients received.</summary>
    public long UpstreamCallsCounted { get; init; }

    /// <summary>Exact-tier hits.</summary>
    public long ExactHits { get; init; }

    /// <summary>Semantic-tier hits.</summary>
    public long SemanticHits { get; init; }

    /// <summary>Near-duplicates the verifier refused to serve.</summary>
    public long Vetoes { get; init; }

    /// <summary>Lookups that found nothing.</summary>
    public long Misses { get; init; }

    /// <summary>Calls that did not consult the cache.</summary>
    public long Bypasses { get; init; }

    /// <summary>Input tokens sent to models.</summary>
    public long InputTokens { get; init; }

    /// <summary>Output tokens received.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Tokens the cache hits avoided.</summary>
    public long TokensSavedByCache { get; init; }

    /// <summary>Dollars spent.</summary>
    public double CostUsd { get; init; }

    /// <summary>Dollars the calls made would have cost on the naive model.</summary>
    public double BaselineCostUsd { get; init; }

    /// <summary>Dollars the all-frontier setup without a cache would have spent.</summary>
    public double NaiveCostUsd { get; init; }

    /// <summary>Dollars the cache hits avoided.</summary>
    public double SavedByCacheUsd { get; init; }

    /// <summary>Median cache lookup time in milliseconds, when there were lookups.</summary>
    public double? LookupP50Ms { get; init; }

    /// <summary>95th-percentile cache lookup time in milliseconds.</summary>
    public double? LookupP95Ms { get; init; }

    /// <summary>Cache hits (exact + semantic).</summary>
    public long Hits => ExactHits + SemanticHits;
}

/// <summary>One point of the run's timeline, taken after a ticket.</summary>
/// <param name="Tickets">Tickets processed.</param>
/// <param name="Lookups">Cache lookups so far.</param>
/// <param name="Hits">Cache hits so far.</param>
/// <param name="CostUsd">Dollars spent so far.</param>
/// <param name="NaiveCostUsd">Dollars the naive setup would have spent so far.</param>
public sealed record TimelinePoint(int Tickets, long Lookups, long Hits, double CostUsd, double NaiveCostUsd);

/// <summary>What happened to one ticket.</summary>
/// <param name="Id">Ticket id.</param>
/// <param name="Kind">Original, repeat, paraphrase, near-duplicate or other-tenant.</param>
/// <param name="Of">The ticket it relates to.</param>
/// <param name="ServedFromCache">The steps answered without a model call.</param>
/// <param name="Label">The label the agent assigned.</param>
/// <param name="Problems">What was wrong with the answers (empty when correct).</param>
public sealed record TicketOutcome(string Id, string Kind, string? Of, IReadOnlyList<string> ServedFromCache, string? Label, IReadOnlyList<string> Problems);

/// <summary>One consistency or correctness check of the run.</summary>
/// <param name="Name">What was checked.</param>
/// <param name="Passed">Whether it held.</param>
/// <param name="Detail">Figures or the first failures.</param>
public sealed record CheckResult(string Name, bool Passed, string Detail);

/// <summary>Counts of tickets by kind and how many were served (wholly or partly) from cache.</summary>
/// <param name="Kind">Ticket kind.</param>
/// <param name="Tickets">Tickets of that kind.</param>
/// <param name="WithAnyHit">Tickets with at least one step served from cache.</param>
/// <param name="StepHits">Step answers served from cache.</param>
public sealed record KindFigures(string Kind, int Tickets, int WithAnyHit, int StepHits);

/// <summary>Everything a run produced; written to <c>supportdesk-report.json</c> and rendered as HTML and a console table.</summary>
public sealed record JobResult
{
    /// <summary>Offline stand-in or live endpoints.</summary>
    public required string Mode { get; init; }

    /// <summary>The workload file.</summary>
    public required string Workload { get; init; }

    /// <summary>Tickets processed.</summary>
    public int Tickets { get; init; }

    /// <summary>Whether the semantic cache was on.</summary>
    public bool CacheEnabled { get; init; }

    /// <summary>The naive (all-frontier) model.</summary>
    public required string BaselineModel { get; init; }

    /// <summary>The models the router could use.</summary>
    public required IReadOnlyList<string> RegisteredModels { get; init; }

    /// <summary>Per-step figures.</summary>
    public required IReadOnlyList<StepFigures> Steps { get; init; }

    /// <summary>The ledger's total line.</summary>
    public required StepFigures Total { get; init; }

    /// <summary>Tickets by kind.</summary>
    public required IReadOnlyList<KindFigures> Kinds { get; init; }

    /// <summary>The run's timeline.</summary>
    public required IReadOnlyList<TimelinePoint> Timeline { get; init; }

    /// <summary>Per-ticket outcomes.</summary>
    public required IReadOnlyList<TicketOutcome> Outcomes { get; init; }

    /// <summary>The checks.</summary>
    public required IReadOnlyList<CheckResult> Checks { get; init; }

    /// <summary>Cases opened in the legal queue.</summary>
    public int LegalCases { get; init; }

    /// <summary>Wall-clock time of the run in seconds.</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>Simulated model time (offline stand-in, unscaled) in seconds; 0 when live.</summary>
    public double SimulatedModelSeconds { get; init; }

    /// <summary>Errors that stopped a ticket.</summary>
    public required IReadOnlyList<string> Errors { get; init; }

    /// <summary>True when every check passed and no ticket failed.</summary>
    public bool Succeeded => Errors.Count == 0 && Checks.All(c => c.Passed);

    /// <summary>Share of the naive cost saved (0–1).</summary>
    public double SavingsRatio => Total.NaiveCostUsd > 0 ? 1 - (Total.CostUsd / Total.NaiveCostUsd) : 0;
}
