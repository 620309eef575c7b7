using System.Text.Json;
using AgentFramework.Catalog;
using AgentFramework.CatalogGenerator.Mapping;
using AgentFramework.Testing;

namespace AgentFramework.CatalogGenerator.Tests;

/// <summary>Validates the committed catalog file as the runtime and analyzer will read it.</summary>
public sealed class CommittedCatalogTests
{
    private static readonly Lazy<string> Json = new(() =>
        File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "src", "Shared", "Catalog", "agentframework.catalog.json")));

    private static readonly Lazy<ModelCatalog> Catalog = new(() => ModelCatalog.Parse(Json.Value));

    public static TheoryData<string> RequiredIds =>
    [
        "gpt-4.1-nano", "gpt-4.1-mini", "gpt-4.1", "gpt-4o", "gpt-4o-mini", "gpt-5", "gpt-5-mini", "gpt-5-nano",
        "o3", "o4-mini", "claude-opus-4-1", "gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite",
    ];

    [Fact]
    public void ParsesWithSharedLoader_HasEnoughModelsAndProviders()
    {
        var catalog = Catalog.Value;
        Assert.True(catalog.Models.Count >= 40, $"only {catalog.Models.Count} models");
        var providers = catalog.Models.Select(m => m.Provider).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(providers.Count >= 6, "providers: " + string.Join(", ", providers));
        foreach (var required in new[] { "openai", "anthropic", "google", "mistral", "deepseek", "xai" })
        {
            Assert.Contains(required, providers);
        }
    }

    [Fact]
    public void EveryModel_IsPricedAndSized()
    {
        foreach (var m in Catalog.Value.Models)
        {
            Assert.True(m.InputPerMillion > 0, m.Id + " input price");
            Assert.True(m.OutputPerMillion > 0, m.Id + " output price");
            Assert.True(m.CachedInputPerMillion is null or > 0, m.Id + " cached price");
            Assert.True(m.ContextWindow > 0, m.Id + " context window");
            Assert.True(m.MaxOutputTokens > 0, m.Id + " max output");
        }
    }

    [Fact]
    public void EveryLevel_IsEvidenced()
    {
        foreach (var m in Catalog.Value.Models)
        {
            Assert.NotEmpty(m.Capabilities);
            foreach (var (capability, e) in m.Capabilities)
            {
                Assert.True(e.Level is >= CapabilityLevel.Basic and <= CapabilityLevel.Frontier, $"{m.Id} {capability}");
                Assert.False(string.IsNullOrWhiteSpace(e.Benchmark), $"{m.Id} {capability} benchmark");
                Assert.False(string.IsNullOrWhiteSpace(e.Source), $"{m.Id} {capability} source");
                Assert.True(e.Score > 0, $"{m.Id} {capability} score");
                Assert.Contains(e.Source, Catalog.Value.Sources.Select(s => s.Name));
            }
        }
    }

    [Fact]
    public void IdsAndAliases_AreUniqueAndAliasesResolve()
    {
        var catalog = Catalog.Value;
        var owner = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in catalog.Models)
        {
            foreach (var name in m.Aliases.Prepend(m.Id))
            {
                Assert.False(owner.TryGetValue(name, out var other) && other != m.Id, $"'{name}' belongs to {other} and {m.Id}");
                owner[name] = m.Id;
            }
        }

        foreach (var m in catalog.Models)
        {
            foreach (var alias in m.Aliases)
            {
                Assert.Same(m, catalog.Find(alias));
            }
        }
    }

    [Theory]
    [MemberData(nameof(RequiredIds))]
    public void IdsUsedByExamplesAndTests_Exist(string id) => Assert.NotNull(Catalog.Value.Find(id));

    [Fact]
    public void HasSonnetHaikuMistralDeepseekAndGrok()
    {
        var ids = Catalog.Value.Models.Select(m => m.Id).ToList();
        Assert.Contains(ids, id => id.StartsWith("claude-sonnet-4", StringComparison.Ordinal));
        Assert.Contains(ids, id => id.StartsWith("claude-haiku-4", StringComparison.Ordinal) || id.StartsWith("claude-3-5-haiku", StringComparison.Ordinal));
        Assert.Contains(Catalog.Value.Models, m => m.Provider == "mistral");
        Assert.Contains(Catalog.Value.Models, m => m.Provider == "deepseek");
        Assert.Contains(ids, id => id.StartsWith("grok-", StringComparison.Ordinal));
    }

    [Fact]
    public void RecordsSourcesWithDatesAndLicences_IsDatedByItsNewestSource()
    {
        var catalog = Catalog.Value;
        Assert.Equal(4, catalog.Sources.Count);
        foreach (var s in catalog.Sources)
        {
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", s.Date);
            Assert.False(string.IsNullOrWhiteSpace(s.Licence), s.Name);
            Assert.False(string.IsNullOrWhiteSpace(s.Origin), s.Name);
        }

        Assert.Equal(catalog.Sources.Select(s => s.Date).Max(StringComparer.Ordinal), catalog.Generated);
        var llmStats = Assert.Single(catalog.Sources, s => s.Name == "llmstats");
        Assert.Equal("CC-BY-4.0", llmStats.Licence);
        Assert.Contains("modified", llmStats.Origin, StringComparison.Ordinal);
    }

    [Fact]
    public void File_IsUtf8WithoutBomWithUnixLineEndings()
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "src", "Shared", "Catalog", "agentframework.catalog.json"));
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "BOM");
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.Equal((byte)'\n', bytes[^1]);
    }

    [Fact]
    public void CheapestModelForBasicClassification_IsSmallAndCheap()
    {
        var catalog = Catalog.Value;
        var needs = new ModelNeeds([new(Capability.Classification, CapabilityLevel.Basic)]);
        var cheapest = ModelSelection.CheapestSufficient(catalog.Models, needs);
        Assert.NotNull(cheapest);
        var nano = catalog.Get("gpt-4.1-nano");
        var opus = catalog.Get("claude-opus-4-1");
        Assert.True(cheapest.BlendedPricePerMillion <= nano.BlendedPricePerMillion, $"{cheapest.Id} costs more than gpt-4.1-nano");
        Assert.True(cheapest.BlendedPricePerMillion * 50 <= opus.BlendedPricePerMillion, $"{cheapest.Id} is not 50x cheaper than claude-opus-4-1");
        Assert.NotEqual(CapabilityLevel.Frontier, cheapest.LevelOf(Capability.Reasoning));
    }

    [Fact]
    public void CheapestModelForFrontierReasoning_IsFrontierModel()
    {
        var catalog = Catalog.Value;
        var needs = new ModelNeeds([new(Capability.Reasoning, CapabilityLevel.Frontier)]);
        var cheapest = ModelSelection.CheapestSufficient(catalog.Models, needs);
        Assert.NotNull(cheapest);
        Assert.Equal(CapabilityLevel.Frontier, cheapest.LevelOf(Capability.Reasoning));
        var sufficient = ModelSelection.SufficientByPrice(catalog.Models, needs).Select(m => m.Id).ToList();
        foreach (var strong in new[] { "gpt-5", "o3", "claude-opus-4-1", "gemini-2.5-pro", "grok-4" })
        {
            Assert.Contains(strong, sufficient);
        }

        foreach (var small in new[] { "gpt-4.1-nano", "gpt-4o-mini", "gemini-2.5-flash-lite", "claude-haiku-4-5", "gpt-4o" })
        {
            Assert.DoesNotContain(small, sufficient);
        }

        var basic = ModelSelection.CheapestSufficient(catalog.Models, new ModelNeeds([new(Capability.Classification, CapabilityLevel.Basic)]))!;
        Assert.True(cheapest.BlendedPricePerMillion >= 5 * basic.BlendedPricePerMillion, $"{cheapest.Id} vs {basic.Id}");
    }

    [Theory]
    [InlineData("gpt-4.1-nano")]
    [InlineData("gemini-2.5-flash-lite")]
    [InlineData("gpt-4o-mini")]
    [InlineData("claude-haiku-4-5")]
    public void SmallModels_HandleRoutineLanguageWork(string id)
    {
        var m = Catalog.Value.Get(id);
        foreach (var c in new[] { Capability.Classification, Capability.Extraction, Capability.Summarization })
        {
            Assert.True(m.LevelOf(c) >= CapabilityLevel.Basic, $"{id} {c} = {m.LevelOf(c)}");
        }
    }

    [Fact]
    public void EveryLevel_FollowsDocumentedMapping()
    {
        using var doc = JsonDocument.Parse(Json.Value);
        var checkedLevels = 0;
        foreach (var model in doc.RootElement.GetProperty("models").EnumerateArray())
        {
            var id = model.GetProperty("id").GetString();
            foreach (var cap in model.GetProperty("capabilities").EnumerateObject())
            {
                var capability = Enum.Parse<Capability>(cap.Name, ignoreCase: true);
                var benchmark = cap.Value.GetProperty("benchmark").GetString();
                var source = cap.Value.GetProperty("source").GetString();
                var score = cap.Value.GetProperty("score").GetDouble();
                var scale = Assert.Single(LevelMapping.ScalesFor(capability), s => s.EvidenceLabel == benchmark && s.Source == source);
                Assert.Equal(scale.LevelFor(score).ToString().ToLowerInvariant(), cap.Value.GetProperty("level").GetString());
                Assert.False(string.IsNullOrWhiteSpace(cap.Value.GetProperty("sourceModel").GetString()), $"{id} {cap.Name}");
                checkedLevels++;
            }
        }

        Assert.True(checkedLevels >= 300, $"only {checkedLevels} levels");
    }
}
