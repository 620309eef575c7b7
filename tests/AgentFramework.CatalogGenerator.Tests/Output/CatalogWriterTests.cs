using AgentFramework.Catalog;
using AgentFramework.CatalogGenerator.Mapping;
using AgentFramework.CatalogGenerator.Output;
using AgentFramework.CatalogGenerator.Sources;

namespace AgentFramework.CatalogGenerator.Tests.Output;

public sealed class CatalogWriterTests
{
    private static readonly LevelScale Scale = new(Benchmarks.Eci, SourceNames.EpochEci, 1, 2, 3, 4);

    private static CatalogModel Model(string id, double? cached) => new(
        id,
        "Name \"quoted\"",
        "openai",
        ["openai/" + id],
        0.1,
        0.4,
        cached,
        1_047_576,
        32_768,
        ModelFeatures.Reasoning | ModelFeatures.ToolCalling,
        [new(Capability.ToolUse, new CapabilityEvidenceRecord(CapabilityLevel.Standard, "TAU-bench Retail", 0.5, SourceNames.LlmStats, id, Scale))]);

    private static readonly SourceInfo[] Sources = [new("llmstats", "f.csv", "2025-10-15", "CC-BY-4.0", "origin")];

    [Fact]
    public void Output_RoundTripsThroughSharedLoader()
    {
        var json = CatalogWriter.Write("2026-07-24", Sources, [Model("a", 0.025), Model("b", null)]);
        var catalog = ModelCatalog.Parse(json);

        Assert.Equal("2026-07-24", catalog.Generated);
        var a = catalog.Get("openai/a");
        Assert.Equal("Name \"quoted\"", a.DisplayName);
        Assert.Equal(0.025, a.CachedInputPerMillion);
        Assert.Null(catalog.Get("b").CachedInputPerMillion);
        Assert.Equal(ModelFeatures.Reasoning | ModelFeatures.ToolCalling, a.Features);
        Assert.Equal(CapabilityLevel.Standard, a.LevelOf(Capability.ToolUse));
        Assert.Equal("TAU-bench Retail", a.Capabilities[Capability.ToolUse].Benchmark);
        Assert.Equal("CC-BY-4.0", Assert.Single(catalog.Sources).Licence);
    }

    [Fact]
    public void Output_IsStableAndUsesUnixLineEndings()
    {
        var first = CatalogWriter.Write("2026-07-24", Sources, [Model("a", 0.025)]);
        var second = CatalogWriter.Write("2026-07-24", Sources, [Model("a", 0.025)]);
        Assert.Equal(first, second);
        Assert.DoesNotContain('\r', first);
        Assert.EndsWith("}\n", first, StringComparison.Ordinal);
        Assert.Contains("\"features\": [\"toolCalling\", \"reasoning\"]", first, StringComparison.Ordinal);
        Assert.Contains("\"source\": \"llmstats\", \"sourceModel\": \"a\"}", first, StringComparison.Ordinal);
        Assert.DoesNotContain("\"cachedInputPerMillion\"", CatalogWriter.Write("2026-07-24", Sources, [Model("b", null)]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("tab\tnew\nline", "\"tab\\tnew\\nline\"")]
    [InlineData("\u0001", "\"\\u0001\"")]
    [InlineData("café…", "\"café…\"")]
    public void Strings_AreEscapedMinimally(string value, string expected) => Assert.Equal(expected, CatalogWriter.Str(value));

    [Fact]
    public void Names_MatchWhatLoaderParses()
    {
        Assert.Equal("toolUse", CatalogWriter.CapabilityName(Capability.ToolUse));
        Assert.Equal("frontier", CatalogWriter.LevelName(CapabilityLevel.Frontier));
    }
}
