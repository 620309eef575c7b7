using AgentFramework.Ledger;
using AgentFramework.Telemetry;
using AgentFramework.Tests.TestDoubles;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace AgentFramework.Tests.Ledger;

public class CostLedgerTests
{
    public static TheoryData<(string Step, string Model, long In, long Out, double Cost, double Baseline, bool Ok)[]> CallSets => new()
    {
        new[] { ("a", "tiny", 100L, 10L, 0.01, 0.5, true) },
        new[] { ("a", "tiny", 100L, 10L, 0.01, 0.5, true), ("a", "tiny", 50L, 5L, 0.02, 0.25, true), ("a", "small", 10L, 1L, 0.03, 0.1, false) },
        new[] { ("a", "tiny", 1L, 1L, 0.001, 0.002, true), ("b", "big", 1000L, 100L, 1.5, 1.5, true), ("c", "small", 7L, 3L, 0.0, 0.0, false) },
    };

    [Theory]
    [MemberData(nameof(CallSets))]
    public void Totals_EqualSumOfCallsAndOfSteps((string Step, string Model, long In, long Out, double Cost, double Baseline, bool Ok)[] calls)
    {
        var ledger = new CostLedger(TestCatalog.Load());
        foreach (var c in calls)
        {
            ledger.RecordCall(new ModelCallRecord(c.Step, c.Model, c.In, c.Out, 0, c.Cost, "frontier", c.Baseline, TimeSpan.FromMilliseconds(5), c.Ok));
        }

        var snapshot = ledger.GetSnapshot();
        Assert.Equal(calls.Length, snapshot.Total.Calls);
        Assert.Equal(calls.Count(c => !c.Ok), snapshot.Total.FailedCalls);
        Assert.Equal(calls.Sum(c => c.In), snapshot.Total.InputTokens);
        Assert.Equal(calls.Sum(c => c.Out), snapshot.Total.OutputTokens);
        Assert.Equal(calls.Sum(c => c.Cost), snapshot.Total.CostUsd, 12);
        Assert.Equal(calls.Sum(c => c.Baseline), snapshot.Total.BaselineCostUsd, 12);
        Assert.Equal(snapshot.Steps.Sum(s => s.CostUsd), snapshot.Total.CostUsd, 12);
        Assert.Equal(calls.Select(c => c.Step).Distinct().Count(), snapshot.Steps.Count);
        Assert.Equal(calls.Select(c => (c.Step, c.Model)).Distinct().Count(), snapshot.StepModels.Count);
        foreach (var step in snapshot.Steps)
        {
            Assert.Equal(snapshot.StepModels.Where(l => l.StepId == step.StepId).Sum(l => l.CostUsd), step.CostUsd, 12);
        }
    }

    [Fact]
    public void CacheHits_CountSavingsAndNaiveCostOfAvoidedCalls()
    {
        var ledger = new CostLedger(TestCatalog.Load());
        ledger.RecordCall(new ModelCallRecord("a", "tiny", 1000, 100, 0, 0.00014, "frontier", 0.0225, TimeSpan.Zero, true));
        ledger.RecordCacheLookup(new CacheLookupRecord("a", CacheLookupResult.Miss, TimeSpan.FromMilliseconds(4)));
        ledger.RecordCacheLookup(new CacheLookupRecord("a", CacheLookupResult.ExactHit, TimeSpan.FromMilliseconds(1), "tiny", 1000, 100, 0.00014));
        ledger.RecordCacheLookup(new CacheLookupRecord("a", CacheLookupResult.SemanticHit, TimeSpan.FromMilliseconds(6), "tiny", 1000, 100, 0.00014));
        ledger.RecordCacheLookup(new CacheLookupRecord("a", CacheLookupResult.Vetoed, TimeSpan.FromMilliseconds(7), Reason: "number"));
        ledger.RecordCacheLookup(new CacheLookupRecord("a", CacheLookupResult.Bypassed, TimeSpan.FromMilliseconds(0), Reason: "empty"));

        var step = Assert.Single(ledger.GetSnapshot().Steps);
        Assert.Equal((1L, 1L, 1L, 1L, 1L), (step.Misses, step.ExactHits, step.SemanticHits, step.Vetoes, step.Bypasses));
        Assert.Equal(0.00028, step.SavedByCacheUsd, 12);
        Assert.Equal(2200, step.TokensSavedByCache);

        // Naive: the call's baseline plus the two avoided calls priced on the baseline model (frontier: 15/75 per M).
        Assert.Equal(0.0225 + 2 * ((1000 * 15 + 100 * 75) / 1e6), step.NaiveCostUsd, 12);
        Assert.Equal("frontier", step.BaselineModelId);
        Assert.Equal(TimeSpan.FromMilliseconds(4), step.LookupP50);
        Assert.Equal(TimeSpan.FromMilliseconds(7), step.LookupP95);
    }

    [Fact]
    public void Percentiles_UseNearestRank()
    {
        var ledger = new CostLedger();
        for (var ms = 1; ms <= 100; ms++)
        {
            ledger.RecordCacheLookup(new CacheLookupRecord("a", CacheLookupResult.Miss, TimeSpan.FromMilliseconds(ms)));
        }

        var step = Assert.Single(ledger.GetSnapshot().Steps);
        Assert.Equal(TimeSpan.FromMilliseconds(50), step.LookupP50);
        Assert.Equal(TimeSpan.FromMilliseconds(95), step.LookupP95);
    }

    [Fact]
    public void RecordsWithoutStep_AreIgnoredNotThrown()
    {
        var ledger = new CostLedger();
        ledger.RecordCall(new ModelCallRecord(string.Empty, "tiny", 1, 1, 0, 1, null, 1, TimeSpan.Zero, true));
        ledger.RecordCacheLookup(new CacheLookupRecord(string.Empty, CacheLookupResult.Miss, TimeSpan.Zero));
        Assert.Empty(ledger.GetSnapshot().Steps);
    }

    [Fact]
    public void ConcurrentRecording_LosesNothing()
    {
        var ledger = new CostLedger();
        Parallel.For(0, 10_000, i => ledger.RecordCall(new ModelCallRecord("s" + (i % 7), "m" + (i % 3), 10, 1, 0, 0.001, null, 0.002, TimeSpan.Zero, true)));
        var total = ledger.GetSnapshot().Total;
        Assert.Equal(10_000, total.Calls);
        Assert.Equal(100_000, total.InputTokens);
        Assert.Equal(10.0, total.CostUsd, 6);
    }

    [Fact]
    public void ModelCalls_ArePublishedOnAgentFrameworkMeter()
    {
        using var metrics = new AgentFrameworkMetrics();
        using var cost = new MetricCollector<double>(metrics.Meter, "agentframework.cost");
        var ledger = new CostLedger(metrics: metrics);
        ledger.RecordCall(new ModelCallRecord("classify", "tiny", 10, 1, 0, 0.25, null, 1, TimeSpan.Zero, true));
        ledger.RecordCacheLookup(new CacheLookupRecord("classify", CacheLookupResult.SemanticHit, TimeSpan.Zero, "tiny", 10, 1, 0.25));

        var c = Assert.Single(cost.GetMeasurementSnapshot());
        Assert.Equal(0.25, c.Value);
        Assert.Equal("classify", c.Tags["agentframework.step"]);
        Assert.Equal("tiny", c.Tags["agentframework.model"]);
        Assert.Equal(AgentFrameworkMetrics.MeterName, metrics.Meter.Name);
    }

    [Fact]
    public void EveryCounter_OfTheStepModelLines_SumsToItsStep_AndTheStepsToTheTotal()
    {
        // Random calls and lookups of every outcome over several steps and models (the newcomer saw StepModels rows
        // with vetoes = 0 and misses = 0 while Steps and Total counted them).
        var ledger = new CostLedger(TestCatalog.Load());
        string[] steps = ["classify", "extract", "reply"];
        string[] models = ["tiny", "small", "big"];
        var rng = new Random(15_2);
        for (var i = 0; i < 2_000; i++)
        {
            var step = steps[rng.Next(steps.Length)];
            var model = models[rng.Next(models.Length)];
            if (rng.Next(2) == 0)
            {
                ledger.RecordCall(new ModelCallRecord(step, model, rng.Next(1, 500), rng.Next(1, 50), rng.Next(0, 20), rng.NextDouble() / 100, "frontier", rng.NextDouble() / 10, TimeSpan.FromMilliseconds(rng.Next(1, 50)), rng.Next(10) > 0));
            }
            else
            {
                var outcome = (CacheLookupResult)rng.Next(5);
                var hit = outcome is CacheLookupResult.ExactHit or CacheLookupResult.SemanticHit;
                ledger.RecordCacheLookup(new CacheLookupRecord(step, outcome, TimeSpan.FromMilliseconds(rng.Next(0, 9)), hit ? model : null, hit ? rng.Next(1, 500) : 0, hit ? rng.Next(1, 50) : 0, hit ? rng.NextDouble() / 100 : 0));
            }
        }

        var snapshot = ledger.GetSnapshot();
        var counters = new (string Name, Func<LedgerLine, double> Read)[]
        {
            ("calls", l => l.Calls), ("failed calls", l => l.FailedCalls), ("input tokens", l => l.InputTokens),
            ("output tokens", l => l.OutputTokens), ("cached input tokens", l => l.CachedInputTokens), ("cost", l => l.CostUsd),
            ("baseline cost", l => l.BaselineCostUsd), ("exact hits", l => l.ExactHits), ("semantic hits", l => l.SemanticHits),
            ("vetoes", l => l.Vetoes), ("bypasses", l => l.Bypasses), ("misses", l => l.Misses), ("saved", l => l.SavedByCacheUsd),
            ("tokens saved", l => l.TokensSavedByCache), ("naive cost", l => l.NaiveCostUsd),
        };
        Assert.Equal(steps.Length, snapshot.Steps.Count);
        foreach (var (name, read) in counters)
        {
            Assert.True(snapshot.Steps.Sum(read) > 0, $"{name}: the random workload never exercised it");
            Assert.Equal(snapshot.Steps.Sum(read), read(snapshot.Total), 9);
            Assert.Equal(snapshot.StepModels.Sum(read), read(snapshot.Total), 9);
            foreach (var step in snapshot.Steps)
            {
                Assert.Equal(snapshot.StepModels.Where(l => l.StepId == step.StepId).Sum(read), read(step), 9);
            }
        }

        // One model-less line per step, holding exactly its lookups that ended without a hit.
        foreach (var step in snapshot.Steps)
        {
            var modelless = Assert.Single(snapshot.StepModels, l => l.StepId == step.StepId && l.ModelId is null);
            Assert.Equal((0L, 0L, 0L), (modelless.Calls, modelless.ExactHits, modelless.SemanticHits));
            Assert.Equal((step.Misses, step.Vetoes, step.Bypasses), (modelless.Misses, modelless.Vetoes, modelless.Bypasses));
        }
    }

    [Fact]
    public void HitsOfAStepWithNoCallInThisProcess_ArePricedOnTheDefaultBaseline()
    {
        // A restarted process answering only from a persisted index still reports the naive cost a user expects.
        var ledger = new CostLedger(TestCatalog.Load(), defaultBaselineModelId: "frontier");
        ledger.RecordCacheLookup(new CacheLookupRecord("a", CacheLookupResult.SemanticHit, TimeSpan.FromMilliseconds(3), "tiny", 1000, 100, 0.00014));

        var step = Assert.Single(ledger.GetSnapshot().Steps);
        Assert.Equal((1000 * 15 + 100 * 75) / 1e6, step.NaiveCostUsd, 12);
    }
}
