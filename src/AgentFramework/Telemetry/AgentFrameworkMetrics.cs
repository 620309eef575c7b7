using System.Diagnostics;
using System.Diagnostics.Metrics;
using AgentFramework.Ledger;

namespace AgentFramework.Telemetry;

/// <summary>
/// The model-call instruments of the <c>AgentFramework</c> meter: every call the ledger records is
/// also published here with <c>agentframework.step</c> and <c>agentframework.model</c> tags, so any
/// OpenTelemetry exporter can collect it (<c>AddMeter("AgentFramework")</c>). Cache instruments
/// (<c>agentframework.cache.*</c>) are published by the cache itself, on the same meter name.
/// </summary>
public sealed class AgentFrameworkMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = AgentFrameworkTelemetry.MeterName;

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _tokens;
    private readonly Counter<double> _cost;
    private readonly Counter<double> _baselineCost;
    private readonly Histogram<double> _callDuration;

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

        _calls = _meter.CreateCounter<long>(AgentFrameworkTelemetry.Instruments.ModelCalls, "{call}", "Upstream model calls.");
        _tokens = _meter.CreateCounter<long>(AgentFrameworkTelemetry.Instruments.ModelTokens, "{token}", "Tokens sent and received (tag agentframework.token.type).");
        _cost = _meter.CreateCounter<double>(AgentFrameworkTelemetry.Instruments.Cost, "USD", "US dollars spent on model calls.");
        _baselineCost = _meter.CreateCounter<double>(AgentFrameworkTelemetry.Instruments.BaselineCost, "USD", "US dollars the same calls would have cost on the baseline model.");
        _callDuration = _meter.CreateHistogram<double>(AgentFrameworkTelemetry.Instruments.ModelDuration, "s", "Duration of upstream model calls.");
    }

    /// <summary>The meter, for components that add their own instruments (e.g. verifier vetoes).</summary>
    public Meter Meter => _meter;

    /// <summary>Publishes one model call.</summary>
    public void RecordCall(in ModelCallRecord record)
    {
        var tags = new TagList { { AgentFrameworkTelemetry.Tags.Step, record.StepId }, { AgentFrameworkTelemetry.Tags.Model, record.ModelId }, { AgentFrameworkTelemetry.Tags.Success, record.Succeeded } };
        _calls.Add(1, tags);
        _callDuration.Record(record.Duration.TotalSeconds, tags);
        _tokens.Add(record.InputTokens, new TagList { { AgentFrameworkTelemetry.Tags.Step, record.StepId }, { AgentFrameworkTelemetry.Tags.Model, record.ModelId }, { AgentFrameworkTelemetry.Tags.TokenType, "input" } });
        _tokens.Add(record.OutputTokens, new TagList { { AgentFrameworkTelemetry.Tags.Step, record.StepId }, { AgentFrameworkTelemetry.Tags.Model, record.ModelId }, { AgentFrameworkTelemetry.Tags.TokenType, "output" } });
        _cost.Add(record.CostUsd, new TagList { { AgentFrameworkTelemetry.Tags.Step, record.StepId }, { AgentFrameworkTelemetry.Tags.Model, record.ModelId } });
        _baselineCost.Add(record.BaselineCostUsd, new TagList { { AgentFrameworkTelemetry.Tags.Step, record.StepId }, { AgentFrameworkTelemetry.Tags.Model, record.BaselineModelId ?? record.ModelId } });
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
