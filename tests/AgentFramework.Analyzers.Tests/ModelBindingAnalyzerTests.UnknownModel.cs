using AgentFramework.Analyzers.Tests.Infrastructure;

namespace AgentFramework.Analyzers.Tests;

/// <summary>AGF0003: a bound model id the catalog does not know.</summary>
public sealed partial class ModelBindingAnalyzerTests
{
    [Fact]
    public async Task UnknownModel_Typo_WarnsWithClosestIdsFirstTheIntendedOne()
    {
        const string code = """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                [UseModel("af-smal")]
                public Task<string> ClassifyAsync(string ticket)
                {
                    var client = new OpenAI.OpenAIClient().GetChatClient("gpt-4.1-nanno");
                    return Task.FromResult("");
                }
            }
            """;
        var result = await AnalyzerRunner.RunAsync(TestSources.Code(code), TestSources.TestCatalog);

        Assert.Empty(result.Exceptions);
        Assert.Equal(2, result.Diagnostics.Length);
        Assert.All(result.Diagnostics, d => Assert.Equal("AGF0003", d.Id));
        var messages = result.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.StartsWith("Model id 'af-smal' is not in the model catalog; closest catalog ids: af-small. ", messages[0], StringComparison.Ordinal);
        Assert.StartsWith("Model id 'gpt-4.1-nanno' is not in the model catalog; closest catalog ids: gpt-4.1-nano", messages[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownModel_LocationIsTheLiteral()
    {
        const string code = """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic), UseModel({|#0:"no-such-model"|})]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult("");
            }
            """;
        var result = await AnalyzerRunner.RunAsync(TestSources.Code(code.Replace("{|#0:", "", StringComparison.Ordinal).Replace("|}", "", StringComparison.Ordinal)));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("AGF0003", diagnostic.Id);
        Assert.Equal("\"no-such-model\"", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
    }

    [Fact]
    public async Task UnknownModel_ProviderPrefixedKnownId_IsAccepted()
    {
        const string code = """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic), UseModel("test/af-small")]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult("");
            }
            """;
        await Verify.Analyzer(code).RunAsync();
    }
}
