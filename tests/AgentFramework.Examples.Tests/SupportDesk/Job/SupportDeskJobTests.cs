using Microsoft.Extensions.Configuration;
using SupportDesk.Hosting;
using SupportDesk.Job;
using SupportDesk.Workload;

namespace AgentFramework.Examples.Tests.SupportDesk.Job;

public sealed class SupportDeskJobTests(SmallWorkloadRun run) : IClassFixture<SmallWorkloadRun>
{
    private static readonly string[] CachedSteps = ["classify", "extract", "summarize", "draft-reply"];

    [Fact]
    public void EveryCheckOfRun_Passes()
    {
        Assert.Empty(run.Result.Errors);
        Assert.All(run.Result.Checks, c => Assert.True(c.Passed, $"{c.Name}: {c.Detail}"));
        Assert.Equal(run.Tickets.Count, run.Result.Outcomes.Count);
    }

    [Fact]
    public void LedgerTotals_EqualSumOfSteps()
    {
        var steps = run.Ledger.Steps;
        var total = run.Ledger.Total;
        Assert.Equal(5, steps.Count);
        Assert.Equal(total.Calls, steps.Sum(s => s.Calls));
        Assert.Equal(total.InputTokens, steps.Sum(s => s.InputTokens));
        Assert.Equal(total.OutputTokens, steps.Sum(s => s.OutputTokens));
        Assert.Equal(total.ExactHits, steps.Sum(s => s.ExactHits));
        Assert.Equal(total.SemanticHits, steps.Sum(s => s.SemanticHits));
        Assert.Equal(total.Vetoes, steps.Sum(s => s.Vetoes));
        Assert.Equal(total.CostUsd, steps.Sum(s => s.CostUsd), 12);
        Assert.Equal(total.NaiveCostUsd, steps.Sum(s => s.NaiveCostUsd), 12);
        Assert.Equal(total.SavedByCacheUsd, steps.Sum(s => s.SavedByCacheUsd), 12);
        Assert.True(total.CostUsd > 0);
        Assert.True(total.CostUsd < total.NaiveCostUsd, "routing and caching must spend less than the all-frontier setup");
    }

    [Fact]
    public void EveryHit_AvoidedUpstreamCall()
    {
        // The stand-ins count what they answered; the ledger counts what it billed.
        var answered = run.Host.StandIns.Sum(s => s.Calls);
        Assert.Equal(run.Ledger.Total.Calls, answered);
        foreach (var step in run.Result.Steps)
        {
            var line = run.Ledger.Steps.Single(l => l.StepId == step.Step);
            Assert.Equal(step.Invocations, line.Calls + line.ExactHits + line.SemanticHits);
        }

        Assert.True(run.Ledger.Total.ExactHits + run.Ledger.Total.SemanticHits > 0, "the small workload has repeats; some must hit");
    }

    [Fact]
    public void NearDuplicatesAndOtherTenants_AreNeverServedFromCache()
    {
        var guarded = run.Result.Outcomes.Where(o => o.Kind is nameof(TicketKind.NearDuplicate) or nameof(TicketKind.OtherTenant)).ToList();
        Assert.NotEmpty(guarded);
        Assert.All(guarded, o => Assert.Empty(o.ServedFromCache));
        Assert.All(run.Result.Outcomes, o => Assert.Empty(o.Problems));
    }

    [Fact]
    public void ExactRepeatsWithinShop_AreServedFromCacheInEveryCachedStep()
    {
        var repeats = run.Result.Outcomes.Where(o => o.Kind == nameof(TicketKind.Repeat)).ToList();
        Assert.NotEmpty(repeats);
        Assert.All(repeats, o => Assert.Equal(CachedSteps, o.ServedFromCache));
    }

    [Fact]
    public void LegalTickets_AreEscalatedAndNeverCached()
    {
        var legal = run.Tickets.Count(t => t.Expected.NeedsEscalation);
        Assert.True(legal > 0);
        var escalate = run.Result.Steps.Single(s => s.Step == "escalate-legal");
        Assert.Equal(legal, escalate.Invocations);
        Assert.Equal(legal, escalate.Calls);
        Assert.Equal(0, escalate.Hits + escalate.Misses + escalate.Vetoes);
        Assert.Equal(legal, run.Result.LegalCases);
    }

    [Fact]
    public void PinnedStep_RunsOnItsPinnedModelAndOthersOnCheaperOnes()
    {
        var summarize = run.Result.Steps.Single(s => s.Step == "summarize");
        Assert.Equal("claude-opus-4-1", summarize.Model);
        Assert.Equal("Bound", summarize.Reason);
        foreach (var step in run.Result.Steps.Where(s => s.Step != "summarize" && s.Calls > 0))
        {
            Assert.NotEqual("claude-opus-4-1", step.Model);
            Assert.True(step.CostUsd < step.BaselineCostUsd, $"{step.Step} should cost less than on the baseline model");
        }
    }

    [Fact]
    public async Task Check_FailsWhenTicketServedFromCacheIsDeclaredNearDuplicate()
    {
        // Relabel the exact repeats as near-duplicates: they hit, so the guard check must now fail.
        var tickets = run.Tickets.Select(t => t.Kind == TicketKind.Repeat ? t with { Kind = TicketKind.NearDuplicate } : t).ToList();
        await using var host = SupportDeskHost.Build(new SupportDeskSettings { LatencyScale = 0 }, new ConfigurationBuilder().Build());
        var result = await SupportDeskJob.RunAsync(host, tickets, "relabelled", cacheEnabled: true, "claude-opus-4-1");
        Assert.False(result.Succeeded);
        Assert.Contains(result.Checks, c => c.Name == "near-duplicates never served from cache" && !c.Passed);
    }
}
