using System.Diagnostics;
using System.Diagnostics.Metrics;
using AgentFramework.Ledger;

namespace AgentFramework.Telemetry;

/// <summary>
/// The instruments of the <c>AgentFramework</c> meter. Every figure the ledger records is also
/// published here with <c>agentframework.step</c> and <c>agentframework.model</c> tags, so any
/// OpenTelemetry exporter can collect it (<c>AddMeter("AgentFramework")</c>).
/// </summary>
public sealed class AgentFrameworkMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "AgentFramework";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _tokens;
    private readonly Counter<double> _cost;
    private readonly Counter<double> _baselineCost;
    private readonly Histogram<double> _callDuration;
    private readonly Counter<long> _lookups;
    private readonly Counter<double> _saved;
    private readonly Counter<long> _tokensSaved;
    private readonly Histogram<double> _lookupDuration;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>, or on a private meter when it is <c>null</c>.</summary>
    public AgentFrameworkMetrics(IMeterFactory? meterFactory = null)
    {
        if (meterFactory is null)
        {
            _meter = new Meter(MeterName);
            _ownsMeter = true;
        }
        else
        {
            _meter = meterFactory.Create(MeterName);
        }

        _calls = _meter.CreateCounter<long>("agentframework.model.calls", "{call}", "Upstream model calls.");
        _tokens = _meter.CreateCounter<long>("agentframework.model.tokens", "{token}", "Tokens sent and received (tag agentframework.token.type).");
        _cost = _meter.CreateCounter<double>("agentframework.cost", "USD", "US dollars spent on model calls.");
        _baselineCost = _meter.CreateCounter<double>("agentframework.cost.baseline", "USD", "US dollars the same calls would have cost on the baseline model.");
        _callDuration = _meter.CreateHistogram<double>("agentframework.model.duration", "s", "Duration of upstream model calls.");
        _lookups = _meter.CreateCounter<long>("agentframework.cache.lookups", "{lookup}", "Cache lookups by outcome (tag agentframework.cache.outcome).");
        _saved = _meter.CreateCounter<double>("agentframework.cache.saved", "USD", "US dollars cache hits avoided.");
        _tokensSaved = _meter.CreateCounter<long>("agentframework.cache.tokens_saved", "{token}", "Tokens cache hits avoided.");
        _lookupDuration = _meter.CreateHistogram<double>("agentframework.cache.lookup.duration", "s", "Duration of cache lookups.");
    }

    /// <summary>The meter, for components that add their own instruments (e.g. verifier vetoes).</summary>
    public Meter Meter => _meter;

    /// <summary>Publishes one model call.</summary>
    public void RecordCall(in ModelCallRecord record)
    {
        var tags = new TagList { { "agentframework.step", record.StepId }, { "agentframework.model", record.ModelId }, { "agentframework.success", record.Succeeded } };
        _calls.Add(1, tags);
        _callDuration.Record(record.Duration.TotalSeconds, tags);
        _tokens.Add(record.InputTokens, new TagList { { "agentframework.step", record.StepId }, { "agentframework.model", record.ModelId }, { "agentframework.token.type", "input" } });
        _tokens.Add(record.OutputTokens, new TagList { { "agentframework.step", record.StepId }, { "agentframework.model", record.ModelId }, { "agentframework.token.type", "output" } });
        _cost.Add(record.CostUsd, new TagList { { "agentframework.step", record.StepId }, { "agentframework.model", record.ModelId } });
        _baselineCost.Add(record.BaselineCostUsd, new TagList { { "agentframework.step", record.StepId }, { "agentframework.model", record.BaselineModelId ?? record.ModelId } });
    }

    /// <summary>Publishes one cache lookup.</summary>
    public void RecordCacheLookup(in CacheLookupRecord record)
    {
        var outcome = record.Outcome switch
        {
            CacheOutcome.ExactHit => "exact_hit",
            CacheOutcome.SemanticHit => "semantic_hit",
            CacheOutcome.Vetoed => "vetoed",
            CacheOutcome.Bypassed => "bypassed",
            _ => "miss",
        };
        var tags = new TagList { { "agentframework.step", record.StepId }, { "agentframework.cache.outcome", outcome } };
        _lookups.Add(1, tags);
        _lookupDuration.Record(record.Duration.TotalSeconds, tags);
        if (record.Outcome is CacheOutcome.ExactHit or CacheOutcome.SemanticHit)
        {
            var hitTags = new TagList { { "agentframework.step", record.StepId }, { "agentframework.model", record.ModelId ?? "unknown" } };
            _saved.Add(record.SavedUsd, hitTags);
            _tokensSaved.Add(record.InputTokens + record.OutputTokens, hitTags);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
