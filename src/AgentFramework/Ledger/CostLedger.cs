using System.Collections.Concurrent;
using AgentFramework.Catalog;
using AgentFramework.Pricing;
using AgentFramework.Telemetry;

namespace AgentFramework.Ledger;

/// <summary>
/// The default, in-process <see cref="ICostLedger"/>: totals per step and model, spend per day for
/// budgets, cache lookup latencies for percentiles; every model call is also published on the
/// <c>AgentFramework</c> meter (cache lookups are published there by the cache itself).
/// </summary>
public sealed class CostLedger : ICostLedger
{
    // Latency samples kept per step for percentiles; beyond this a reservoir keeps a uniform sample.
    private const int MaxLatencySamples = 50_000;

    private readonly ConcurrentDictionary<(string Step, string? Model), Accumulator> _lines = new();
    private readonly ConcurrentDictionary<string, StepState> _steps = new(StringComparer.Ordinal);
    private readonly ModelPricing _pricing;
    private readonly AgentFrameworkMetrics? _metrics;
    private readonly TimeProvider _time;
    private readonly string? _defaultBaselineModelId;

    /// <summary>Creates a ledger.</summary>
    /// <param name="catalog">Prices the naive baseline of cache hits; optional.</param>
    /// <param name="metrics">Where records are also published; optional.</param>
    /// <param name="timeProvider">The clock for budget windows; defaults to the system clock.</param>
    /// <param name="defaultBaselineModelId">
    /// Prices the naive cost of a step's cache hits when the step made no call of its own in this process (calls
    /// carry their baseline); without it such hits are priced on the model that produced the cached answer.
    /// </param>
    public CostLedger(ModelCatalog? catalog = null, AgentFrameworkMetrics? metrics = null, TimeProvider? timeProvider = null, string? defaultBaselineModelId = null)
    {
        _defaultBaselineModelId = defaultBaselineModelId;
        _pricing = new ModelPricing(catalog);
        _metrics = metrics;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public void RecordCall(in ModelCallRecord record)
    {
        if (string.IsNullOrEmpty(record.StepId) || string.IsNullOrEmpty(record.ModelId))
        {
            return;
        }

        var line = _lines.GetOrAdd((record.StepId, record.ModelId), _ => new Accumulator());
        var step = _steps.GetOrAdd(record.StepId, _ => new StepState());
        var day = _time.GetUtcNow().UtcDateTime.Date;
        lock (line)
        {
            line.Calls++;
            line.FailedCalls += record.Succeeded ? 0 : 1;
            line.InputTokens += record.InputTokens;
            line.OutputTokens += record.OutputTokens;
            line.CachedInputTokens += record.CachedInputTokens;
            line.CostUsd += record.CostUsd;
            line.BaselineCostUsd += record.BaselineCostUsd;
        }

        lock (step)
        {
            step.SpendByDay[day] = step.SpendByDay.GetValueOrDefault(day) + record.CostUsd;
            step.BaselineModelId = record.BaselineModelId ?? step.BaselineModelId;
        }

        _metrics?.RecordCall(record);
    }

    /// <inheritdoc />
    public void RecordCacheLookup(in CacheLookupRecord record)
    {
        if (string.IsNullOrEmpty(record.StepId))
        {
            return;
        }

        var step = _steps.GetOrAdd(record.StepId, _ => new StepState());
        var isHit = record.Outcome is CacheLookupResult.ExactHit or CacheLookupResult.SemanticHit;
        var line = _lines.GetOrAdd((record.StepId, isHit ? record.ModelId ?? "unknown" : null), _ => new Accumulator());
        lock (line)
        {
            switch (record.Outcome)
            {
                case CacheLookupResult.ExactHit: line.ExactHits++; break;
                case CacheLookupResult.SemanticHit: line.SemanticHits++; break;
                case CacheLookupResult.Vetoed: line.Vetoes++; break;
                case CacheLookupResult.Bypassed: line.Bypasses++; break;
                default: line.Misses++; break;
            }

            if (isHit)
            {
                line.SavedUsd += record.SavedUsd;
                line.TokensSaved += record.InputTokens + record.OutputTokens;
                line.HitInputTokens += record.InputTokens;
                line.HitOutputTokens += record.OutputTokens;
            }
        }

        lock (step)
        {
            step.AddLatency(record.Duration);
        }

    }

    /// <inheritdoc />
    public double SpentSince(string stepId, DateTimeOffset since)
    {
        if (!_steps.TryGetValue(stepId, out var step))
        {
            return 0;
        }

        var fromDay = since.UtcDateTime.Date;
        lock (step)
        {
            return step.SpendByDay.Where(p => p.Key >= fromDay).Sum(p => p.Value);
        }
    }

    /// <inheritdoc />
    public LedgerSnapshot GetSnapshot()
    {
        var stepModels = new List<LedgerLine>();
        foreach (var ((stepId, modelId), acc) in _lines.OrderBy(p => p.Key.Step, StringComparer.Ordinal).ThenBy(p => p.Key.Model ?? string.Empty, StringComparer.Ordinal))
        {
            var baselineId = (_steps.TryGetValue(stepId, out var s) ? s.BaselineModelId : null) ?? _defaultBaselineModelId;
            lock (acc)
            {
                stepModels.Add(acc.ToLine(stepId, modelId, NaiveCost(acc, baselineId)));
            }
        }

        var steps = new List<LedgerLine>();
        foreach (var group in stepModels.GroupBy(l => l.StepId, StringComparer.Ordinal))
        {
            var state = _steps.GetValueOrDefault(group.Key);
            TimeSpan? p50 = null, p95 = null;
            if (state is not null)
            {
                lock (state)
                {
                    (p50, p95) = state.Percentiles();
                }
            }

            steps.Add(Sum(group, group.Key, null) with { LookupP50 = p50, LookupP95 = p95, BaselineModelId = state?.BaselineModelId });
        }

        // Every line is kept, the step's model-less line included, so each counter of StepModels sums to Steps and Total.
        return new LedgerSnapshot(steps, stepModels, Sum(steps, "(total)", null));
    }

    private double NaiveCost(Accumulator acc, string? baselineModelId)
    {
        // Calls avoided by the cache would also have gone to the baseline model in a naive setup.
        // Without a priced baseline the avoided calls count at what the cache said they saved.
        var avoided = _pricing.CostOf(baselineModelId, acc.HitInputTokens, acc.HitOutputTokens, cachedInputTokens: 0) ?? acc.SavedUsd;
        return acc.BaselineCostUsd + avoided;
    }

    private static LedgerLine Sum(IEnumerable<LedgerLine> lines, string stepId, string? modelId)
    {
        var list = lines.ToList();
        return new LedgerLine
        {
            StepId = stepId,
            ModelId = modelId,
            Calls = list.Sum(l => l.Calls),
            FailedCalls = list.Sum(l => l.FailedCalls),
            InputTokens = list.Sum(l => l.InputTokens),
            OutputTokens = list.Sum(l => l.OutputTokens),
            CachedInputTokens = list.Sum(l => l.CachedInputTokens),
            CostUsd = list.Sum(l => l.CostUsd),
            BaselineCostUsd = list.Sum(l => l.BaselineCostUsd),
            ExactHits = list.Sum(l => l.ExactHits),
            SemanticHits = list.Sum(l => l.SemanticHits),
            Vetoes = list.Sum(l => l.Vetoes),
            Bypasses = list.Sum(l => l.Bypasses),
            Misses = list.Sum(l => l.Misses),
            SavedByCacheUsd = list.Sum(l => l.SavedByCacheUsd),
            TokensSavedByCache = list.Sum(l => l.TokensSavedByCache),
            NaiveCostUsd = list.Sum(l => l.NaiveCostUsd),
        };
    }

    private sealed class Accumulator
    {
        public long Calls;
        public long FailedCalls;
        public long InputTokens;
        public long OutputTokens;
        public long CachedInputTokens;
        public double CostUsd;
        public double BaselineCostUsd;
        public long ExactHits;
        public long SemanticHits;
        public long Vetoes;
        public long Bypasses;
        public long Misses;
        public double SavedUsd;
        public long TokensSaved;
        public long HitInputTokens;
        public long HitOutputTokens;

        public LedgerLine ToLine(string stepId, string? modelId, double naive) => new()
        {
            StepId = stepId,
            ModelId = modelId,
            Calls = Calls,
            FailedCalls = FailedCalls,
            InputTokens = InputTokens,
            OutputTokens = OutputTokens,
            CachedInputTokens = CachedInputTokens,
            CostUsd = CostUsd,
            BaselineCostUsd = BaselineCostUsd,
            ExactHits = ExactHits,
            SemanticHits = SemanticHits,
            Vetoes = Vetoes,
            Bypasses = Bypasses,
            Misses = Misses,
            SavedByCacheUsd = SavedUsd,
            TokensSavedByCache = TokensSaved,
            NaiveCostUsd = naive,
        };
    }

    private sealed class StepState
    {
        private readonly List<long> _latencyTicks = [];
        private long _seen;

        public Dictionary<DateTime, double> SpendByDay { get; } = [];

        public string? BaselineModelId { get; set; }

        public void AddLatency(TimeSpan duration)
        {
            _seen++;
            if (_latencyTicks.Count < MaxLatencySamples)
            {
                _latencyTicks.Add(duration.Ticks);
                return;
            }

            // Reservoir sampling keeps percentiles unbiased without unbounded memory.
            var slot = Random.Shared.NextInt64(_seen);
            if (slot < MaxLatencySamples)
            {
                _latencyTicks[(int)slot] = duration.Ticks;
            }
        }

        public (TimeSpan? P50, TimeSpan? P95) Percentiles()
        {
            if (_latencyTicks.Count == 0)
            {
                return (null, null);
            }

            var sorted = _latencyTicks.ToArray();
            Array.Sort(sorted);
            return (TimeSpan.FromTicks(At(sorted, 0.50)), TimeSpan.FromTicks(At(sorted, 0.95)));
        }

        // Nearest-rank percentile.
        private static long At(long[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
