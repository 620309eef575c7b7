using AgentFramework.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AgentFramework.Analyzers.Tests;

/// <summary>The agentframework.models.json AdditionalFile, and AGF0007 when it is malformed.</summary>
public sealed class CatalogOverrideAnalyzerTests
{
    private const string BareStep = """
        public class Support
        {
            [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
            public Task<string> ClassifyAsync(string ticket) => Task.FromResult("");
        }
        """;

    [Fact]
    public async Task CatalogOverride_MalformedJson_ReportsAGF0007AtTheErrorPosition()
    {
        // Line 2, column 25 is the '}' where a property name was expected.
        const string broken = "{\n  \"models\": [{\"id\":\"x\", }]\n}";
        await Verify.Analyzer(BareStep, catalog: broken, expected: Verify.Diagnostic("AGF0007")
            .WithSpan(Verify.CatalogPath, 2, 25, 2, 26)
            .WithArguments("agentframework.models.json", "Invalid catalog JSON at line 2, column 25: expected a property name.")).RunAsync();
    }

    [Fact]
    public async Task CatalogOverride_SchemaError_ReportsAGF0007AtTheStartOfTheFile()
    {
        const string unknownFeature = """{"models":[{"id":"m","inputPerMillion":1,"outputPerMillion":1,"features":["telepathy"]}]}""";
        await Verify.Analyzer(BareStep, catalog: unknownFeature, expected: Verify.Diagnostic("AGF0007")
            .WithSpan(Verify.CatalogPath, 1, 1, 1, 1)
            .WithArguments("agentframework.models.json", "Model 'm' has an unknown feature 'telepathy'.")).RunAsync();
    }

    [Fact]
    public async Task CatalogOverride_Malformed_StepsStillUseTheEmbeddedCatalog()
    {
        const string code = """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic), UseModel("claude-opus-4-1")]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult("");
            }
            """;
        var result = await AnalyzerRunner.RunAsync(TestSources.Code(code), catalog: "{ not json");

        Assert.Empty(result.Exceptions);
        Assert.Equal(["AGF0001", "AGF0007"], result.Diagnostics.Select(d => d.Id).Order().ToArray());
    }

    [Fact]
    public async Task CatalogOverride_MergesIntoAnExistingModel()
    {
        // Make claude-opus-4-1 nearly free and a frontier classifier: it becomes the cheapest fit.
        const string cheapOpus = """
            {"models":[{"id":"claude-opus-4-1","inputPerMillion":0.00001,"outputPerMillion":0.00002,
                        "capabilities":{"classification":{"level":"frontier"}}}]}
            """;
        const string code = """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic), UseModel("claude-opus-4-1")]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult("");
            }
            """;
        await Verify.Analyzer(code, catalog: cheapOpus).RunAsync();

        var withoutOverride = await AnalyzerRunner.RunAsync(TestSources.Code(code));
        Assert.Equal("AGF0001", Assert.Single(withoutOverride.Diagnostics).Id);
    }

    [Fact]
    public async Task CatalogOverride_OtherAdditionalFilesAreIgnored()
    {
        var test = Verify.Analyzer(BareStep, catalog: null);
        test.TestState.AdditionalFiles.Add(("/models.json", "{ definitely not a catalog"));
        await test.RunAsync();
    }

    [Fact]
    public async Task CatalogOverride_FreeModel_DoesNotBreakRatios()
    {
        const string free = """
            {"models":[{"id":"af-free","inputPerMillion":0,"outputPerMillion":0,"contextWindow":8000,
                        "capabilities":{"classification":{"level":"standard"}}}]}
            """;
        const string code = """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic), UseModel("gpt-4.1-nano")]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult("");
            }
            """;
        var result = await AnalyzerRunner.RunAsync(TestSources.Code(code), free);

        Assert.Empty(result.Exceptions);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("AGF0001", diagnostic.Id);
        Assert.Contains("unboundedly manyx the price of 'af-free'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
