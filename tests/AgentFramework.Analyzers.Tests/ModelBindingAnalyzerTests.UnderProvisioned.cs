using AgentFramework.Analyzers.Tests.Infrastructure;

namespace AgentFramework.Analyzers.Tests;

/// <summary>AGF0002: a bound model that lacks a declared level, feature or context window.</summary>
public sealed partial class ModelBindingAnalyzerTests
{
    [Fact]
    public async Task UnderProvisioned_MissingCapability_IsAnErrorNamingTheShortfallAndTheCheapestFit()
    {
        const string code = """
            public class Refunds
            {
                [AgentStep("refunds.decide"), Requires(Capability.Reasoning, CapabilityLevel.Advanced)]
                [UseModel({|#0:"af-small"|})]
                public Task<string> DecideAsync(string ticket) => Task.FromResult("");
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0002").WithLocation(0).WithArguments(
            "Step 'refunds.decide'", "af-small", "Reasoning is unknown, step needs Advanced",
            "; the cheapest model that does is 'af-large' ($0.01/$0.04 per 1M input/output tokens)")).RunAsync();
    }

    [Fact]
    public async Task UnderProvisioned_MissingFeatureAndContextWindow_AreBothListed()
    {
        const string code = """
            public class Intake
            {
                [AgentStep, Requires(Capability.Extraction), RequiresFeatures(ModelFeatures.Vision), MinContextWindow(150_000)]
                [UseModel({|#0:"af-small"|})]
                public Task<string> ReadScanAsync(string image) => Task.FromResult("");
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0002").WithLocation(0).WithArguments(
            "Step 'Intake.ReadScan'", "af-small", "lacks Vision; context window 128,000 < 150,000 tokens",
            "; the cheapest model that does is 'af-medium' ($0.001/$0.004 per 1M input/output tokens)")).RunAsync();
    }

    [Fact]
    public async Task UnderProvisioned_ClassCapabilityOverriddenByMethod_MethodWins()
    {
        // The class asks Reasoning Frontier, the method lowers it to Standard: af-medium suffices.
        const string code = """
            [Requires(Capability.Reasoning, CapabilityLevel.Frontier)]
            public class Triage
            {
                [AgentStep, Requires(Capability.Reasoning, CapabilityLevel.Standard), UseModel("af-medium")]
                public Task<string> RouteAsync(string ticket) => Task.FromResult("");
            }
            """;
        await Verify.Analyzer(code).RunAsync();
    }

    [Fact]
    public async Task UnderProvisioned_SufficientModel_NoError()
    {
        const string code = """
            public class Intake
            {
                [AgentStep, Requires(Capability.Extraction), RequiresFeatures(ModelFeatures.Vision)]
                [UseModel("af-medium")]
                public Task<string> ReadScanAsync(string image) => Task.FromResult("");
            }
            """;
        await Verify.Analyzer(code).RunAsync();
    }

    [Fact]
    public async Task UnderProvisioned_EmbeddedCatalog_NanoCannotDoFrontierReasoning()
    {
        const string code = """
            public class Refunds
            {
                [AgentStep, Requires(Capability.Reasoning, CapabilityLevel.Frontier)]
                [UseModel("gpt-4.1-nano")]
                public Task<string> DecideAsync(string ticket) => Task.FromResult("");
            }
            """;
        var result = await AnalyzerRunner.RunAsync(TestSources.Code(code));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("AGF0002", diagnostic.Id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("step needs Frontier", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
