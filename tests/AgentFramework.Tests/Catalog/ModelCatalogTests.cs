using AgentFramework.Catalog;
using AgentFramework.Tests.TestDoubles;

namespace AgentFramework.Tests.Catalog;

public class ModelCatalogTests
{
    [Theory]
    [InlineData("small", "small")]
    [InlineData("SMALL", "small")]
    [InlineData("small-2025", "small")]
    [InlineData("p2/small", "small")]
    [InlineData("someprovider/tiny", "tiny")]
    public void Find_ResolvesIdsAliasesAndProviderPrefixes(string query, string expected) =>
        Assert.Equal(expected, TestCatalog.Load().Find(query)?.Id);

    [Fact]
    public void UnknownIds_FailWithClosestMatches()
    {
        var ex = Assert.Throws<UnknownModelException>(() => TestCatalog.Load().Get("smal"));
        Assert.Equal("small", ex.CloseMatches[0]);
        Assert.Contains("smal", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Closest catalog ids: small", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpt-4.1-nanno", "gpt-4.1-nano")]
    [InlineData("claude-opus-4.1", "claude-opus-4-1")]
    [InlineData("claude opus 4 1", "claude-opus-4-1")]
    public void UnknownIds_OneTypoAway_SuggestTheIntendedIdFirst(string typo, string expected)
    {
        var ex = Assert.Throws<UnknownModelException>(() => ModelCatalog.LoadEmbedded().Get(typo));
        Assert.Equal(expected, ex.CloseMatches[0]);
        Assert.Contains("Closest catalog ids: " + expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownIds_PartOfACatalogId_SuggestIdsThatContainIt()
    {
        var ex = Assert.Throws<UnknownModelException>(() => ModelCatalog.LoadEmbedded().Get("opus"));
        Assert.NotEmpty(ex.CloseMatches);
        Assert.All(ex.CloseMatches, id => Assert.Contains("opus", id, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("my-model-xyz")]
    [InlineData("internal-llm-prod")]
    public void UnknownIds_UnlikeEveryCatalogId_SuggestNothing(string name)
    {
        // Edit distance always has a "closest" id; naming unrelated ones would read as a suggestion (and as a code fix).
        var ex = Assert.Throws<UnknownModelException>(() => ModelCatalog.LoadEmbedded().Get(name));
        Assert.Empty(ex.CloseMatches);
        Assert.Contains("Closest catalog ids: none is close.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overrides_MergeFieldByFieldAndAddModels()
    {
        const string over = """
        { "models": [
            { "id": "small-2025", "inputPerMillion": 0.2, "capabilities": { "reasoning": { "level": "basic", "benchmark": "X", "score": 1, "source": "mine" } } },
            { "id": "my-model", "provider": "self", "inputPerMillion": 0, "outputPerMillion": 0, "contextWindow": 8000 }
        ] }
        """;
        var catalog = ModelCatalog.Parse(TestCatalog.Json, over);
        var small = catalog.Get("small");
        Assert.Equal(0.2, small.InputPerMillion);
        Assert.Equal(1.6, small.OutputPerMillion);
        Assert.Equal(CapabilityLevel.Advanced, small.LevelOf(Capability.Classification));
        Assert.Equal(CapabilityLevel.Basic, small.LevelOf(Capability.Reasoning));
        Assert.Equal("mine", small.Capabilities[Capability.Reasoning].Source);
        Assert.Equal(8000, catalog.Get("my-model").ContextWindow);
        Assert.Equal(TestCatalog.Load().Models.Count + 1, catalog.Models.Count);
    }

    [Theory]
    [InlineData("""{ "models": [ { "id": "a", "inputPerMillion": 1, "outputPerMillion": 1 }, { "id": "A", "inputPerMillion": 1, "outputPerMillion": 1 } ] }""", "twice")]
    [InlineData("""{ "models": [ { "id": "a", "inputPerMillion": 1, "outputPerMillion": 1, "features": ["telepathy"] } ] }""", "unknown feature")]
    [InlineData("""{ "models": [ { "id": "a", "inputPerMillion": 1, "outputPerMillion": 1, "capabilities": { "juggling": { "level": "basic" } } } ] }""", "unknown capability")]
    [InlineData("""{ "models": [ { "id": "a", "inputPerMillion": 1, "outputPerMillion": 1, "capabilities": { "math": { "level": "genius" } } } ] }""", "unknown level")]
    [InlineData("""{ "models": [ { "id": "a", "outputPerMillion": 1 } ] }""", "inputPerMillion")]
    [InlineData("""{ "models": [ { "id": "a", "inputPerMillion": -1, "outputPerMillion": 1 } ] }""", "negative")]
    [InlineData("""{ "models": {} }""", "array")]
    public void Invalid_catalogs_fail_with_a_clear_message(string json, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => ModelCatalog.Parse(json));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmbeddedCatalog_LoadsAndPricesEveryModel()
    {
        var catalog = ModelCatalog.LoadEmbedded();
        Assert.NotEmpty(catalog.Models);
        Assert.All(catalog.Models, m => Assert.True(m.InputPerMillion > 0 && m.OutputPerMillion > 0, m.Id));
        Assert.All(catalog.Models, m => Assert.All(m.Capabilities.Values, e => Assert.False(string.IsNullOrEmpty(e.Source), m.Id)));
    }

    [Fact]
    public void CostOf_PricesCachedInputAtCachedRate()
    {
        var small = TestCatalog.Load().Get("small");

        // 1M input of which 400k cached, 100k output: 0.6*0.4 + 0.4*0.1 + 0.1*1.6
        Assert.Equal(0.24 + 0.04 + 0.16, small.CostOf(1_000_000, 100_000, 400_000), 10);
        Assert.Equal((3 * 0.4 + 1.6) / 4, small.BlendedPricePerMillion, 10);
    }
}
