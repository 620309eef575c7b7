using System.Diagnostics;
using AgentFramework.Caching.Diagnostics;
using AgentFramework.Caching.Scoping;
using AgentFramework.Ledger;
using Microsoft.Extensions.AI;

namespace AgentFramework.Caching;

public sealed partial class SemanticCache
{
    private long _faults;

    /// <summary>How many cache faults (embedder, index, HybridCache, …) failed open since this instance was created.</summary>
    public long FaultCount => Interlocked.Read(ref _faults);

    private void Fault(string component, string stepId, Exception exception)
    {
        Interlocked.Increment(ref _faults);
        Log.Fault(_logger, exception, component, stepId);
        _metrics.Fault(component);
    }

    private void RecordBypass(CacheRequestPlan plan, long started)
    {
        Log.Bypassed(_logger, plan.StepId, plan.BypassReason!);
        _metrics.Bypass(plan.BypassReason!, plan.StepId);
        Ledger(new CacheLookupRecord(plan.StepId, CacheLookupResult.Bypassed, Stopwatch.GetElapsedTime(started), Reason: plan.BypassReason));
    }

    private void RecordMiss(CacheRequestPlan plan, long started, string? vetoReason, string tier, TimeSpan? elapsed = null)
    {
        var duration = elapsed ?? Stopwatch.GetElapsedTime(started);
        var outcome = vetoReason is null ? CacheOutcome.Miss : CacheOutcome.Vetoed;
        _metrics.Miss(tier, plan.StepId);
        _metrics.LookupDuration(duration, outcome == CacheOutcome.Miss ? "miss" : "vetoed");
        Ledger(new CacheLookupRecord(plan.StepId, ToLedger(outcome), duration, Reason: vetoReason));
    }

    private void RecordHit(CacheRequestPlan plan, CacheOutcome outcome, long started, ChatResponse hit, TimeSpan? elapsed = null)
    {
        var duration = elapsed ?? Stopwatch.GetElapsedTime(started);
        var tier = outcome == CacheOutcome.ExactHit ? "exact" : "semantic";
        var entry = hit.AdditionalProperties?.TryGetValue(SemanticCacheProperties.EntryId, out var id) == true ? id as string ?? "" : "";
        var score = hit.AdditionalProperties?.TryGetValue(SemanticCacheProperties.Score, out var s) == true && s is double d ? d : 1.0;
        var verdicts = hit.AdditionalProperties?.TryGetValue(SemanticCacheProperties.Verdicts, out var v) == true ? v as string : null;
        Log.Hit(_logger, tier, plan.StepId, entry, score, verdicts);
        _metrics.Hit(tier, plan.StepId);
        _metrics.LookupDuration(duration, tier);

        var input = hit.Usage?.InputTokenCount ?? 0;
        var output = hit.Usage?.OutputTokenCount ?? 0;
        double saved = 0;
        try
        {
            saved = _pricing.Value.CostOf(hit.ModelId, input, output, cachedInputTokens: 0) ?? 0;
        }
        catch (Exception ex)
        {
            Fault("pricing", plan.StepId, ex);
        }

        _metrics.Saved(input + output, saved, plan.StepId);
        Ledger(new CacheLookupRecord(plan.StepId, ToLedger(outcome), duration, hit.ModelId, input, output, saved));
    }

    /// <summary>The ledger counts lookups in its own categories; this is the one place the cache's outcomes map onto them.</summary>
    internal static CacheLookupResult ToLedger(CacheOutcome outcome) => outcome switch
    {
        CacheOutcome.ExactHit => CacheLookupResult.ExactHit,
        CacheOutcome.SemanticHit => CacheLookupResult.SemanticHit,
        CacheOutcome.Vetoed => CacheLookupResult.Vetoed,
        CacheOutcome.Bypassed => CacheLookupResult.Bypassed,
        _ => CacheLookupResult.Miss,
    };

    private void Ledger(in CacheLookupRecord record)
    {
        if (_ledger is null)
        {
            return;
        }

        try
        {
            _ledger.RecordCacheLookup(record);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _faults);
            Log.Fault(_logger, ex, "ledger", record.StepId);
        }
    }
}
