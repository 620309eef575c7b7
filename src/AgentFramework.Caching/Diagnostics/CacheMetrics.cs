using System.Diagnostics;
using System.Diagnostics.Metrics;
using AgentFramework.Telemetry;

namespace AgentFramework.Caching.Diagnostics;

/// <summary>The cache's instruments on the "AgentFramework" meter.</summary>
internal sealed class CacheMetrics : IDisposable
{
    public const string MeterName = AgentFrameworkTelemetry.MeterName;

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Counter<long> _bypasses;
    private readonly Counter<long> _vetoes;
    private readonly Counter<long> _faults;
    private readonly Histogram<double> _lookupDuration;
    private readonly Counter<long> _tokensSaved;
    private readonly Counter<double> _usdSaved;

    public CacheMetrics(IMeterFactory? meterFactory)
    {
        if (meterFactory is not null)
        {
            _meter = meterFactory.Create(MeterName);
        }
        else
        {
            _meter = new Meter(MeterName);
            _ownsMeter = true;
        }

        _hits = _meter.CreateCounter<long>(AgentFrameworkTelemetry.Instruments.CacheHits, "{hit}", "Requests answered from the cache, by tier (exact, semantic).");
        _misses = _meter.CreateCounter<long>(AgentFrameworkTelemetry.Instruments.CacheMisses, "{miss}", "Lookups that went to the model, by tier that was consulted last.");
        _bypasses = _meter.CreateCounter<long>(AgentFrameworkTelemetry.Instruments.CacheBypasses, "{request}", "Requests that skipped the cache, by reason.");
        _vetoes = _meter.CreateCounter<long>(AgentFrameworkTelemetry.Instruments.CacheVetoes, "{candidate}", "Candidates above the threshold vetoed by a verifier, by reason.");
        _faults = _meter.CreateCounter<long>(AgentFrameworkTelemetry.Instruments.CacheFaults, "{fault}", "Cache component failures that failed open, by component.");
        _lookupDuration = _meter.CreateHistogram<double>(AgentFrameworkTelemetry.Instruments.CacheLookupDuration, "s", "Time spent in cache lookups (embedding, search, verification).");
        _tokensSaved = _meter.CreateCounter<long>(AgentFrameworkTelemetry.Instruments.CacheTokensSaved, "{token}", "Input and output tokens the cache hits avoided.");
        _usdSaved = _meter.CreateCounter<double>(AgentFrameworkTelemetry.Instruments.CacheUsdSaved, "USD", "US dollars the cache hits avoided (catalog prices).");
    }

    public void Hit(string tier, string stepId) => _hits.Add(1, new TagList { { AgentFrameworkTelemetry.Tags.CacheTier, tier }, { AgentFrameworkTelemetry.Tags.Step, stepId } });

    public void Miss(string tier, string stepId) => _misses.Add(1, new TagList { { AgentFrameworkTelemetry.Tags.CacheTier, tier }, { AgentFrameworkTelemetry.Tags.Step, stepId } });

    public void Bypass(string reason, string stepId) => _bypasses.Add(1, new TagList { { AgentFrameworkTelemetry.Tags.CacheReason, reason }, { AgentFrameworkTelemetry.Tags.Step, stepId } });

    public void Veto(string reason, string stepId)
    {
        // Strip per-candidate detail ("learned:low-probability(p=0.31)") to keep tag cardinality bounded.
        var paren = reason.IndexOf('(', StringComparison.Ordinal);
        _vetoes.Add(1, new TagList { { AgentFrameworkTelemetry.Tags.CacheReason, paren < 0 ? reason : reason[..paren] }, { AgentFrameworkTelemetry.Tags.Step, stepId } });
    }

    public void Fault(string component) => _faults.Add(1, new KeyValuePair<string, object?>(AgentFrameworkTelemetry.Tags.Component, component));

    public void LookupDuration(TimeSpan duration, string outcome) => _lookupDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>(AgentFrameworkTelemetry.Tags.CacheOutcome, outcome));

    public void Saved(long tokens, double usd, string stepId)
    {
        if (tokens > 0)
        {
            _tokensSaved.Add(tokens, new KeyValuePair<string, object?>(AgentFrameworkTelemetry.Tags.Step, stepId));
        }

        if (usd > 0)
        {
            _usdSaved.Add(usd, new KeyValuePair<string, object?>(AgentFrameworkTelemetry.Tags.Step, stepId));
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
