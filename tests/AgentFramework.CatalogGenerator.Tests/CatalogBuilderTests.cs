using AgentFramework.CatalogGenerator.Sources;

namespace AgentFramework.CatalogGenerator.Tests;

public sealed class CatalogBuilderTests
{
    private const string DataDate = "2026-07-24";

    private static LiteLlmEntry Entry(
        string key,
        string provider = "openai",
        double? input = 1e-6,
        double? output = 4e-6,
        string mode = "chat",
        string? deprecation = null,
        bool functionCalling = true,
        double? cached = null) =>
        new(key, provider, mode, input, output, cached, 128_000, 16_384, deprecation, functionCalling, true, false, false, false);

    private static EvidenceRow Eci(string model, double score) => new(SourceNames.EpochEci, Benchmarks.Eci, model, score, null);

    private static EvidenceRow Gpqa(string model, double score, string source = SourceNames.EpochRuns) =>
        new(source, source == SourceNames.EpochRuns ? Benchmarks.GpqaDiamond : Benchmarks.Gpqa, model, score, null);

    [Fact]
    public void SkipsRetiredNonChatUnpricedResoldAndSpecialVariants()
    {
        var entries = new[]
        {
            Entry("keep"),
            Entry("retired", deprecation: "2026-01-01"),
            Entry("retiring-later", deprecation: "2026-08-05"),
            Entry("embedder", mode: "embedding"),
            Entry("free", input: 0),
            Entry("unpriced", output: null),
            Entry("azure/resold", provider: "azure"),
            Entry("keep-audio-preview"),
            Entry("keep-latest"),
            Entry("ft:keep"),
        };
        var evidence = entries.Select(e => Eci(CatalogBuilder.IdOf(e.Key), 130)).ToList();

        var ids = CatalogBuilder.Build(entries, evidence, DataDate).Select(m => m.Id).ToList();

        Assert.Equal(["keep", "retiring-later"], ids);
    }

    [Fact]
    public void ModelsWithoutEvidence_AreLeftOut()
    {
        var models = CatalogBuilder.Build([Entry("known"), Entry("unknown")], [Eci("known", 130)], DataDate);
        Assert.Equal("known", Assert.Single(models).Id);
    }

    [Fact]
    public void SamePriceSnapshots_BecomeAliasesAndOtherPricesStaySeparate()
    {
        var entries = new[]
        {
            Entry("gpt-x"),
            Entry("gpt-x-2025-01-01"),
            Entry("gpt-x-2024-05-13", input: 5e-6),
        };
        var models = CatalogBuilder.Build(entries, [Eci("gpt-x-2025-01-01", 130), Eci("gpt-x-2024-05-13", 128)], DataDate);

        Assert.Equal(["gpt-x", "gpt-x-2024-05-13"], models.Select(m => m.Id));
        Assert.Equal(["gpt-x-2025-01-01", "openai/gpt-x"], models[0].Aliases);
        Assert.Equal(130, models[0].Capabilities[0].Value.Score);
        Assert.Equal(128, models[1].Capabilities[0].Value.Score);
    }

    [Fact]
    public void WithoutUndatedId_NewestSnapshotNamesModel()
    {
        var models = CatalogBuilder.Build(
            [Entry("mistral/mistral-medium-2505", "mistral"), Entry("mistral/mistral-medium-2508", "mistral")],
            [Eci("mistral-medium-2505", 134)],
            DataDate);
        var m = Assert.Single(models);
        Assert.Equal("mistral-medium-2508", m.Id);
        Assert.Equal(["mistral-medium-2505", "mistral/mistral-medium-2508"], m.Aliases);
    }

    [Fact]
    public void ExactName_BeatsSameFamilySnapshotEvenWhenSnapshotScoresHigher()
    {
        var models = CatalogBuilder.Build(
            [Entry("m1"), Entry("m1-2025-01-01")],
            [Gpqa("m1-2025-01-01_low", 0.50), Gpqa("m1-preview-06-05", 0.90)],
            DataDate);
        var reasoning = models[0].Capabilities.Single(c => c.Key == Capability.Reasoning).Value;
        Assert.Equal(0.5, reasoning.Score);
        Assert.Equal("m1-2025-01-01_low", reasoning.MatchedName);
    }

    [Fact]
    public void BestSettingOfModel_Counts()
    {
        var models = CatalogBuilder.Build([Entry("m1")], [Gpqa("m1_low", 0.5), Gpqa("m1_high", 0.8), Gpqa("m1_medium", 0.7)], DataDate);
        var reasoning = models[0].Capabilities.Single(c => c.Key == Capability.Reasoning).Value;
        Assert.Equal(0.8, reasoning.Score);
        Assert.Equal(CapabilityLevel.Frontier, reasoning.Level);
    }

    [Fact]
    public void RetiredSnapshot_LendsItsScoresToItsFamily()
    {
        var models = CatalogBuilder.Build(
            [Entry("xai/grok-9", "xai"), Entry("xai/grok-9-0709", "xai", deprecation: "2026-05-15")],
            [Gpqa("grok-9-0709", 0.87)],
            DataDate);
        var m = Assert.Single(models);
        Assert.Equal("grok-9", m.Id);
        Assert.DoesNotContain("grok-9-0709", m.Aliases);
        Assert.Equal(CapabilityLevel.Frontier, m.Capabilities.Single(c => c.Key == Capability.Reasoning).Value.Level);
    }

    [Fact]
    public void ToolUse_NeedsFunctionCalling()
    {
        var with = CatalogBuilder.Build([Entry("a")], [Eci("a", 130)], DataDate)[0];
        var without = CatalogBuilder.Build([Entry("a", functionCalling: false)], [Eci("a", 130)], DataDate)[0];
        var toolUse = with.Capabilities.Single(c => c.Key == Capability.ToolUse).Value;
        Assert.Equal("ECI (general-ability proxy)", toolUse.Benchmark);
        Assert.DoesNotContain(without.Capabilities, c => c.Key == Capability.ToolUse);
        Assert.True((with.Features & ModelFeatures.ToolCalling) != 0);
        Assert.True((without.Features & ModelFeatures.ToolCalling) == 0);
    }

    [Fact]
    public void Prices_ArePerMillionTokensRoundedToSixSignificantDigits()
    {
        var m = CatalogBuilder.Build([Entry("a", input: 1e-7, output: 2.19e-6, cached: 2.5e-8)], [Eci("a", 130)], DataDate)[0];
        Assert.Equal(0.1, m.InputPerMillion);
        Assert.Equal(2.19, m.OutputPerMillion);
        Assert.Equal(0.025, m.CachedInputPerMillion);
        Assert.True((m.Features & ModelFeatures.PromptCaching) != 0, "a cache price implies prompt caching");
    }

    [Fact]
    public void Providers_AreRenamedAndPrefixedIdsBecomeAliases()
    {
        var m = CatalogBuilder.Build([Entry("gemini/gemini-9-pro", "gemini")], [Eci("gemini-9-pro", 140)], DataDate)[0];
        Assert.Equal("google", m.Provider);
        Assert.Equal("gemini-9-pro", m.Id);
        Assert.Equal(["gemini/gemini-9-pro", "google/gemini-9-pro"], m.Aliases);
    }

    [Fact]
    public void Models_AreSortedByProviderThenIdWhateverInputOrder()
    {
        var entries = new[] { Entry("zz"), Entry("anthropic-x", "anthropic"), Entry("aa") };
        var evidence = new[] { Eci("zz", 130), Eci("anthropic-x", 130), Eci("aa", 130) };
        var forward = CatalogBuilder.Build(entries, evidence, DataDate).Select(m => m.Id).ToList();
        var backward = CatalogBuilder.Build(entries.Reverse().ToList(), evidence.Reverse().ToList(), DataDate).Select(m => m.Id).ToList();
        Assert.Equal(["anthropic-x", "aa", "zz"], forward);
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void SameIdFromTwoProviders_IsRefused()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            CatalogBuilder.Build([Entry("twin"), Entry("mistral/twin", "mistral")], [Eci("twin", 130)], DataDate));
        Assert.Contains("twin", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("2026-07-23", true)]
    [InlineData("2026-07-24", false)]
    [InlineData("2026-08-05", false)]
    [InlineData("date when the model becomes deprecated", false)]
    public void Deprecation_IsStrictlyBeforeDataDate(string? date, bool expected) =>
        Assert.Equal(expected, CatalogBuilder.IsDeprecated(date, DataDate));
}
