using AgentFramework.CatalogGenerator.Mapping;
using AgentFramework.CatalogGenerator.Sources;

namespace AgentFramework.CatalogGenerator.Tests.Mapping;

public sealed class LevelScaleTests
{
    private static readonly LevelScale Scale = new("X", "s", 0.2, 0.4, 0.6, 0.8);

    [Theory]
    [InlineData(0.0, CapabilityLevel.None)]
    [InlineData(0.1999, CapabilityLevel.None)]
    [InlineData(0.2, CapabilityLevel.Basic)]
    [InlineData(0.3999, CapabilityLevel.Basic)]
    [InlineData(0.4, CapabilityLevel.Standard)]
    [InlineData(0.6, CapabilityLevel.Advanced)]
    [InlineData(0.7999, CapabilityLevel.Advanced)]
    [InlineData(0.8, CapabilityLevel.Frontier)]
    [InlineData(1.0, CapabilityLevel.Frontier)]
    [InlineData(double.NaN, CapabilityLevel.None)]
    public void Level_IsHighestThresholdMet(double score, CapabilityLevel expected) =>
        Assert.Equal(expected, Scale.LevelFor(score));

    [Fact]
    public void ScaleWithoutFrontierThreshold_CapsAtAdvanced()
    {
        var capped = Scale with { Frontier = null };
        Assert.Equal(CapabilityLevel.Advanced, capped.LevelFor(1.0));
        Assert.Contains("never frontier", capped.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Proxies_SaySoInEvidenceLabel()
    {
        Assert.Equal("X", Scale.EvidenceLabel);
        Assert.Equal("X (general-ability proxy)", (Scale with { IsProxy = true }).EvidenceLabel);
    }

    [Fact]
    public void Describe_PrintsInvariantNumbers()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("X [s]: basic>=0.2, standard>=0.4, advanced>=0.6, frontier>=0.8", Scale.Describe());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void EveryScaleInMapping_HasIncreasingThresholds()
    {
        foreach (var (capability, scales) in LevelMapping.Rules)
        {
            foreach (var s in scales)
            {
                Assert.True(s.Basic < s.Standard && s.Standard < s.Advanced && (s.Frontier is null || s.Advanced < s.Frontier), $"{capability}: {s.Describe()}");
                Assert.Contains(s.Source, new[] { SourceNames.EpochEci, SourceNames.EpochRuns, SourceNames.LlmStats });
            }
        }
    }
}
