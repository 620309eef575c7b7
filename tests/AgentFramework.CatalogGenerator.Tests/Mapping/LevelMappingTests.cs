using AgentFramework.CatalogGenerator.Mapping;
using AgentFramework.CatalogGenerator.Sources;

namespace AgentFramework.CatalogGenerator.Tests.Mapping;

public sealed class LevelMappingTests
{
    // (capability, benchmark, source, score, expected level): the documented thresholds, pinned.
    public static TheoryData<Capability, string, string, double, CapabilityLevel> Thresholds => new()
    {
        { Capability.Classification, Benchmarks.Eci, SourceNames.EpochEci, 104.9, CapabilityLevel.None },
        { Capability.Classification, Benchmarks.Eci, SourceNames.EpochEci, 105, CapabilityLevel.Basic },
        { Capability.Classification, Benchmarks.Eci, SourceNames.EpochEci, 126.1, CapabilityLevel.Standard },
        { Capability.Classification, Benchmarks.Eci, SourceNames.EpochEci, 129.9, CapabilityLevel.Advanced },
        { Capability.Classification, Benchmarks.Eci, SourceNames.EpochEci, 138, CapabilityLevel.Frontier },
        { Capability.Extraction, Benchmarks.MmluPro, SourceNames.LlmStats, 0.55, CapabilityLevel.Standard },
        { Capability.Summarization, Benchmarks.Eci, SourceNames.EpochEci, 129.9, CapabilityLevel.Standard },
        { Capability.Summarization, Benchmarks.Eci, SourceNames.EpochEci, 140, CapabilityLevel.Frontier },
        { Capability.Writing, Benchmarks.Mmlu, SourceNames.LlmStats, 0.86, CapabilityLevel.Advanced },
        { Capability.Translation, Benchmarks.Mmmlu, SourceNames.LlmStats, 0.83, CapabilityLevel.Advanced },
        { Capability.Conversation, Benchmarks.GpqaDiamond, SourceNames.EpochRuns, 0.5, CapabilityLevel.Standard },
        { Capability.Reasoning, Benchmarks.GpqaDiamond, SourceNames.EpochRuns, 0.489, CapabilityLevel.Standard },
        { Capability.Reasoning, Benchmarks.GpqaDiamond, SourceNames.EpochRuns, 0.669, CapabilityLevel.Advanced },
        { Capability.Reasoning, Benchmarks.GpqaDiamond, SourceNames.EpochRuns, 0.769, CapabilityLevel.Advanced },
        { Capability.Reasoning, Benchmarks.GpqaDiamond, SourceNames.EpochRuns, 0.77, CapabilityLevel.Frontier },
        { Capability.Reasoning, Benchmarks.Gpqa, SourceNames.LlmStats, 0.828, CapabilityLevel.Advanced },
        { Capability.Reasoning, Benchmarks.Gpqa, SourceNames.LlmStats, 0.83, CapabilityLevel.Frontier },
        { Capability.Math, Benchmarks.OtisMockAime, SourceNames.EpochRuns, 0.005, CapabilityLevel.None },
        { Capability.Math, Benchmarks.OtisMockAime, SourceNames.EpochRuns, 0.064, CapabilityLevel.Basic },
        { Capability.Math, Benchmarks.OtisMockAime, SourceNames.EpochRuns, 0.914, CapabilityLevel.Frontier },
        { Capability.Math, Benchmarks.MathLevel5, SourceNames.EpochRuns, 0.97, CapabilityLevel.Frontier },
        { Capability.Coding, Benchmarks.SweBenchVerified, SourceNames.EpochRuns, 0.41, CapabilityLevel.Advanced },
        { Capability.Coding, Benchmarks.SweBenchVerified, SourceNames.EpochRuns, 0.632, CapabilityLevel.Frontier },
        { Capability.Coding, Benchmarks.SweBenchVerified, SourceNames.LlmStats, 0.632, CapabilityLevel.Advanced },
        { Capability.Coding, Benchmarks.HumanEval, SourceNames.LlmStats, 0.99, CapabilityLevel.Advanced },
        { Capability.ToolUse, Benchmarks.TauBenchRetail, SourceNames.LlmStats, 0.226, CapabilityLevel.Basic },
        { Capability.ToolUse, Benchmarks.TauBenchRetail, SourceNames.LlmStats, 0.824, CapabilityLevel.Frontier },
        { Capability.ToolUse, Benchmarks.Eci, SourceNames.EpochEci, 150, CapabilityLevel.Advanced },
    };

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void DocumentedThresholds(Capability capability, string benchmark, string source, double score, CapabilityLevel expected)
    {
        var result = LevelMapping.Evaluate(capability, (b, s) => b == benchmark && s == source ? score : null);
        Assert.Equal(expected, result?.Level ?? CapabilityLevel.None);
        if (result is { } r)
        {
            Assert.Equal(benchmark, r.Scale.Benchmark);
            Assert.Equal(source, r.Scale.Source);
            Assert.Equal(score, r.Score);
        }
    }

    [Fact]
    public void EveryCapability_HasRules()
    {
        Assert.Equal(Enum.GetValues<Capability>(), LevelMapping.Rules.Select(r => r.Key));
        Assert.All(LevelMapping.Rules, r => Assert.NotEmpty(r.Value));
    }

    [Fact]
    public void FirstAvailableBenchmark_DecidesEvenWhenLaterOneScoresHigher()
    {
        var scores = new Dictionary<(string, string), double>
        {
            [(Benchmarks.GpqaDiamond, SourceNames.EpochRuns)] = 0.40,
            [(Benchmarks.Gpqa, SourceNames.LlmStats)] = 0.90,
        };
        var result = LevelMapping.Evaluate(Capability.Reasoning, (b, s) => scores.TryGetValue((b, s), out var v) ? v : null);
        Assert.NotNull(result);
        Assert.Equal(CapabilityLevel.Basic, result.Value.Level);
        Assert.Equal(SourceNames.EpochRuns, result.Value.Scale.Source);
    }

    [Fact]
    public void FirstScoreBelowBasic_MeansNoLevelRatherThanFallingThrough()
    {
        var scores = new Dictionary<(string, string), double>
        {
            [(Benchmarks.SweBenchVerified, SourceNames.LlmStats)] = 0.087,
            [(Benchmarks.HumanEval, SourceNames.LlmStats)] = 0.872,
        };
        Assert.Null(LevelMapping.Evaluate(Capability.Coding, (b, s) => scores.TryGetValue((b, s), out var v) ? v : null));
    }

    [Fact]
    public void EpochRuns_ComeBeforeVendorReportsOfSameBenchmark()
    {
        foreach (var (capability, scales) in LevelMapping.Rules)
        {
            foreach (var group in scales.Select((s, i) => (s, i)).GroupBy(x => x.s.Benchmark))
            {
                var epoch = group.Where(x => x.s.Source.StartsWith("epoch", StringComparison.Ordinal)).Select(x => x.i).DefaultIfEmpty(-1).Min();
                var vendor = group.Where(x => x.s.Source == SourceNames.LlmStats).Select(x => x.i).DefaultIfEmpty(int.MaxValue).Min();
                Assert.True(epoch < vendor || epoch == -1, $"{capability}: {group.Key}");
            }
        }

        Assert.Equal(SourceNames.EpochRuns, LevelMapping.ScalesFor(Capability.Reasoning)[0].Source);
        Assert.Equal(SourceNames.EpochRuns, LevelMapping.ScalesFor(Capability.Coding)[0].Source);
    }

    [Fact]
    public void NoScore_MeansNoLevel() =>
        Assert.All(Enum.GetValues<Capability>(), c => Assert.Null(LevelMapping.Evaluate(c, (_, _) => null)));

    [Fact]
    public void OnlyToolUse_DependsOnFunctionCallingSupport()
    {
        Assert.True(LevelMapping.RequiresToolCalling(Capability.ToolUse));
        Assert.All(Enum.GetValues<Capability>().Where(c => c != Capability.ToolUse), c => Assert.False(LevelMapping.RequiresToolCalling(c)));
        Assert.All(LevelMapping.ScalesFor(Capability.ToolUse).Where(s => s.IsProxy), s => Assert.Null(s.Frontier));
    }
}
