namespace AgentFramework.Ledger;

/// <summary>
/// Records what every step spent, what a naive setup would have spent, and what the cache saved.
/// Implementations are thread-safe; recording never throws.
/// </summary>
public interface ICostLedger
{
    /// <summary>Records one upstream model call.</summary>
    void RecordCall(in ModelCallRecord record);

    /// <summary>Records one cache lookup.</summary>
    void RecordCacheLookup(in CacheLookupRecord record);

    /// <summary>US dollars spent by <paramref name="stepId"/> since <paramref name="since"/> (for budgets).</summary>
    double SpentSince(string stepId, DateTimeOffset since);

    /// <summary>A consistent copy of the totals, per step and model.</summary>
    LedgerSnapshot GetSnapshot();
}
