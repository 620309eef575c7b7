using AgentFramework.Catalog;
using AgentFramework.Tests.TestDoubles;

namespace AgentFramework.Tests.Catalog;

public class ModelSelectionTests
{
    private static readonly ModelCatalog Catalog = TestCatalog.Load();

    public static TheoryData<string, ModelNeeds, string?> CheapestCases => new()
    {
        { "no needs: cheapest overall", ModelNeeds.None, "tiny" },
        { "basic classification", Needs((Capability.Classification, CapabilityLevel.Basic)), "tiny" },
        { "advanced classification", Needs((Capability.Classification, CapabilityLevel.Advanced)), "small" },
        { "frontier classification", Needs((Capability.Classification, CapabilityLevel.Frontier)), "big" },
        { "frontier reasoning", Needs((Capability.Reasoning, CapabilityLevel.Frontier)), "frontier" },
        { "tool calling excludes tiny", new ModelNeeds([new(Capability.Classification, CapabilityLevel.Basic)], ModelFeatures.ToolCalling), "small" },
        { "vision", new ModelNeeds(features: ModelFeatures.Vision), "big" },
        { "context window excludes tiny", new ModelNeeds([new(Capability.Classification, CapabilityLevel.Basic)], minContextTokens: 100_000), "small" },
        { "context window nobody has", new ModelNeeds(minContextTokens: 1_000_000), null },
        { "unknown capability level", Needs((Capability.Translation, CapabilityLevel.Basic)), null },
        { "tie broken by larger context, then ordinal id", Needs((Capability.Math, CapabilityLevel.Standard)), "twin-b" },
        { "two capabilities must both hold", Needs((Capability.Classification, CapabilityLevel.Basic), (Capability.Writing, CapabilityLevel.Advanced)), "big" },
    };

    [Theory]
    [MemberData(nameof(CheapestCases))]
    public void CheapestSufficient_FollowsSharedRules(string because, ModelNeeds needs, string? expected)
    {
        var actual = ModelSelection.CheapestSufficient(Catalog.Models, needs);
        Assert.True(expected == actual?.Id, $"{because}: expected {expected ?? "none"}, got {actual?.Id ?? "none"}");
    }

    [Fact]
    public void Shortfalls_ExplainEveryMissingNeed()
    {
        var needs = new ModelNeeds([new(Capability.Reasoning, CapabilityLevel.Advanced)], ModelFeatures.ToolCalling, 50_000);
        var shortfalls = ModelSelection.Shortfalls(Catalog.Get("tiny"), needs);
        Assert.Equal(["capability", "feature", "context"], shortfalls.Select(s => s.Kind));
        Assert.Contains("Reasoning is unknown, step needs Advanced", shortfalls[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeclaredTokenMix_ChangesRanking()
    {
        // Output-heavy steps favour low output prices: twin prices are equal, so compare small vs a custom model.
        var catalog = ModelCatalog.Parse(TestCatalog.Json, """
            { "models": [ { "id": "cheap-in", "provider": "x", "inputPerMillion": 0.05, "outputPerMillion": 4, "contextWindow": 128000,
                            "capabilities": { "writing": { "level": "standard", "benchmark": "B", "score": 1, "source": "t" } } } ] }
            """);
        var inputHeavy = new ModelNeeds([new(Capability.Writing, CapabilityLevel.Standard)], typicalInputTokens: 10_000, typicalOutputTokens: 10);
        var outputHeavy = new ModelNeeds([new(Capability.Writing, CapabilityLevel.Standard)], typicalInputTokens: 10, typicalOutputTokens: 10_000);
        Assert.Equal("cheap-in", ModelSelection.CheapestSufficient(catalog.Models, inputHeavy)!.Id);
        Assert.Equal("small", ModelSelection.CheapestSufficient(catalog.Models, outputHeavy)!.Id);
    }

    [Fact]
    public void CostRatioAndMonthlyCost_UseStepMix()
    {
        var needs = new ModelNeeds(typicalInputTokens: 800, typicalOutputTokens: 60);
        var ratio = ModelSelection.CostRatio(Catalog.Get("frontier"), Catalog.Get("tiny"), needs);
        Assert.Equal((800 * 15 + 60 * 75) / (800 * 0.1 + 60 * 0.4), ratio, 9);

        // 50,000 calls a day for 30 days at 800 in / 60 out on tiny.
        Assert.Equal(50_000 * 30 * ((800 * 0.1 + 60 * 0.4) / 1e6), ModelSelection.MonthlyCost(Catalog.Get("tiny"), 50_000, 800, 60), 9);
    }

    [Fact]
    public void RepeatedNeeds_KeepStrongestLevel()
    {
        var needs = new ModelNeeds([new(Capability.Math, CapabilityLevel.Advanced), new(Capability.Math, CapabilityLevel.Basic)]);
        Assert.Equal(CapabilityLevel.Advanced, needs.Levels[Capability.Math]);
        Assert.Equal(CapabilityLevel.Advanced, needs.Floor);
    }

    private static ModelNeeds Needs(params (Capability C, CapabilityLevel L)[] levels) =>
        new(levels.Select(l => new KeyValuePair<Capability, CapabilityLevel>(l.C, l.L)));
}
