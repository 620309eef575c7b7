using AgentFramework.Catalog;
using AgentFramework.Ledger;
using AgentFramework.Models;
using AgentFramework.Routing;
using AgentFramework.Steps;
using AgentFramework.Testing.Fakes;
using AgentFramework.Tests.TestDoubles;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AgentFramework.Tests.Routing;

public class ModelRouterTests
{
    private static readonly ModelCatalog Catalog = TestCatalog.Load();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.Zero));
    private readonly CostLedger _ledger;

    public ModelRouterTests() => _ledger = new CostLedger(Catalog, timeProvider: _time);

    public static TheoryData<string[], ModelNeeds, string, string[]> RoutingCases => new()
    {
        // registered, needs, selected, fallbacks (cheapest first, at most 2)
        { ["frontier", "big", "small", "tiny"], Needs(Capability.Classification, CapabilityLevel.Basic), "tiny", ["small", "big"] },
        { ["frontier", "big", "small"], Needs(Capability.Classification, CapabilityLevel.Basic), "small", ["big", "frontier"] },
        { ["frontier", "big", "small", "tiny"], Needs(Capability.Reasoning, CapabilityLevel.Advanced), "big", ["frontier"] },
        { ["frontier", "big", "small", "tiny"], Needs(Capability.Reasoning, CapabilityLevel.Frontier), "frontier", [] },
        { ["big", "small", "tiny"], new ModelNeeds(features: ModelFeatures.ToolCalling), "small", ["big"] },
        { ["big", "small", "tiny"], new ModelNeeds(minContextTokens: 150_000), "big", [] },
        { ["twin-c", "twin-a", "twin-b"], Needs(Capability.Math, CapabilityLevel.Standard), "twin-b", ["twin-c", "twin-a"] },
    };

    [Theory]
    [MemberData(nameof(RoutingCases))]
    public void RoutesToCheapestSufficientRegisteredModel(string[] registered, ModelNeeds needs, string selected, string[] fallbacks)
    {
        var decision = Router(registered).Route(new StepRequirements("step", needs));
        Assert.Equal(selected, decision.Selected.Id);
        Assert.Equal(fallbacks, decision.Fallbacks.Select(f => f.Id));
        Assert.Equal(RoutingReason.CheapestSufficient, decision.Reason);
        Assert.Equal(registered.Length, decision.Candidates.Count);
    }

    [Fact]
    public void Decision_ExplainsRejectionsAndPrices()
    {
        var decision = Router("tiny", "small", "frontier").Route(new StepRequirements("s", Needs(Capability.Reasoning, CapabilityLevel.Frontier)));
        var tiny = decision.Candidates.Single(c => c.Model.Id == "tiny");
        Assert.False(tiny.IsSufficient);
        Assert.Contains("Reasoning is unknown, step needs Frontier", tiny.Rejections);
        Assert.Equal(["tiny", "small", "frontier"], decision.Candidates.Select(c => c.Model.Id));
        var text = decision.Explain();
        Assert.Contains("routed to frontier", text, StringComparison.Ordinal);
        Assert.Contains("rejected: Reasoning is unknown", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NoSufficientModel_FailsListingWhyEachWasRejected()
    {
        var ex = Assert.Throws<NoSufficientModelException>(() =>
            Router("tiny", "small").Route(new StepRequirements("escalate", Needs(Capability.Reasoning, CapabilityLevel.Frontier))));
        Assert.Contains("escalate", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tiny: Reasoning is unknown", ex.Message, StringComparison.Ordinal);
        Assert.Contains("small: Reasoning is unknown", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoRegisteredModel_SaysHowToRegisterOne() =>
        Assert.Contains("AddModel", Assert.Throws<NoSufficientModelException>(() => Router().Route(StepRequirements.Unannotated("s"))).Message, StringComparison.Ordinal);

    [Fact]
    public void BoundStep_GoesToItsModelAndFallsBackToSufficientOnes()
    {
        var decision = Router("tiny", "small", "frontier").Route(new StepRequirements("s", Needs(Capability.Classification, CapabilityLevel.Basic), boundModelId: "FRONTIER"));
        Assert.Equal("frontier", decision.Selected.Id);
        Assert.Equal(RoutingReason.Bound, decision.Reason);
        Assert.Equal(["tiny", "small"], decision.Fallbacks.Select(f => f.Id));
        Assert.Equal("frontier", decision.Baseline.Id);
    }

    [Fact]
    public void BoundModelThatIsNotRegistered_FailsClearly()
    {
        var ex = Assert.Throws<ModelNotRegisteredException>(() => Router("tiny").Route(new StepRequirements("s", ModelNeeds.None, boundModelId: "big")));
        Assert.Contains("Registered models: tiny", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownBoundModel_ListsCloseMatches()
    {
        var ex = Assert.Throws<UnknownModelException>(() => Router("tiny").Route(new StepRequirements("s", ModelNeeds.None, boundModelId: "frontiers")));
        Assert.Contains("frontier", ex.CloseMatches);
    }

    [Fact]
    public void Baseline_IsMostExpensiveRegisteredModelUnlessConfigured()
    {
        var step = new StepRequirements("s", ModelNeeds.None);
        Assert.Equal("big", Router("tiny", "big", "small").Route(step).Baseline.Id);
        Assert.Equal("frontier", Router(new AgentFrameworkOptions { BaselineModelId = "frontier" }, "tiny").Route(step).Baseline.Id);
    }

    [Fact]
    public void ExhaustedBudgetWithRefusePolicy_ThrowsBeforeAnyCall()
    {
        var step = new StepRequirements("s", ModelNeeds.None, budget: new BudgetAttribute(1.0));
        var router = Router("tiny", "big");
        Spend("s", 0.6);
        Assert.Equal("tiny", router.Route(step).Selected.Id);
        _time.Advance(TimeSpan.FromDays(3));
        Spend("s", 0.4);
        var ex = Assert.Throws<BudgetExceededException>(() => router.Route(step));
        Assert.Equal(1.0, ex.SpentUsd, 9);
        Assert.Contains("no paid call was made", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SpendOutsideBudgetWindow_DoesNotCount()
    {
        var step = new StepRequirements("s", ModelNeeds.None, budget: new BudgetAttribute(1.0));
        Spend("s", 5);
        _time.Advance(TimeSpan.FromDays(31));
        Assert.Equal("tiny", Router("tiny").Route(step).Selected.Id);
    }

    [Fact]
    public void ExhaustedBudgetWithDowngradePolicy_DropsBinding()
    {
        var step = new StepRequirements("s", Needs(Capability.Classification, CapabilityLevel.Basic), boundModelId: "frontier", budget: new BudgetAttribute(1.0) { Policy = BudgetPolicy.Downgrade });
        var router = Router("tiny", "frontier");
        Assert.Equal("frontier", router.Route(step).Selected.Id);
        Spend("s", 2);
        var decision = router.Route(step);
        Assert.Equal("tiny", decision.Selected.Id);
        Assert.Equal(RoutingReason.BudgetDowngrade, decision.Reason);
    }

    private void Spend(string step, double usd) =>
        _ledger.RecordCall(new ModelCallRecord(step, "tiny", 1, 1, 0, usd, "tiny", usd, TimeSpan.Zero, true));

    private ModelRouter Router(params string[] registered) => Router(new AgentFrameworkOptions(), registered);

    private ModelRouter Router(AgentFrameworkOptions options, params string[] registered) =>
        new(Catalog, new ModelRegistry(Catalog, registered.Select(id => (id, (Microsoft.Extensions.AI.IChatClient)new FakeChatClient(id)))), _ledger, Options.Create(options), _time);

    private static ModelNeeds Needs(Capability c, CapabilityLevel l) => new([new(c, l)]);
}
