using AgentFramework.Analyzers.Tests.Infrastructure;

namespace AgentFramework.Analyzers.Tests;

/// <summary>AGF0001: a step bound to a model far pricier than the cheapest sufficient one.</summary>
public sealed partial class ModelBindingAnalyzerTests
{
    private const string NoMonthly = "";

    [Fact]
    public async Task OverProvisioned_UseModelWithVolume_NamesBothModelsPricesRatioAndMonthlyDollars()
    {
        // Ranking price per call: af-large 800*0.01 + 60*0.04 = 10.4; af-small 800*0.0001 + 60*0.0004 = 0.104 -> 100x.
        // Monthly: 50,000 calls/day * 30 -> $15.60 on af-large, $0.156 (rounded $0.16) on af-small.
        const string code = """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                [ExpectedVolume(CallsPerDay = 50_000, InputTokens = 800, OutputTokens = 60)]
                [UseModel({|#0:"af-large"|})]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult("billing");
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0001").WithLocation(0).WithArguments(
            "Step 'Support.Classify'", "af-large", "$0.01", "$0.04", "100", "af-small", "$0.0001", "$0.0004",
            "; at the expected volume that is $15.44 more per month ($15.60 instead of $0.16)")).RunAsync();
    }

    [Fact]
    public async Task OverProvisioned_WithoutVolume_UsesBlendedPriceAndOmitsMonthlyFigure()
    {
        const string code = """
            public class Support
            {
                [AgentStep, Requires(Capability.Extraction)]
                [UseModel({|#0:"af-medium"|})]
                public Task<string> ExtractAsync(string ticket) => Task.FromResult("");
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0001").WithLocation(0).WithArguments(
            "Step 'Support.Extract'", "af-medium", "$0.001", "$0.004", "10", "af-small", "$0.0001", "$0.0004", NoMonthly)).RunAsync();
    }

    [Fact]
    public async Task OverProvisioned_PartialMethod_ReportedOnceForBothParts()
    {
        // Roslyn runs symbol actions for the definition and the implementation of a partial method; one step, one warning.
        const string code = """
            public partial class Support
            {
                [AgentStep, Requires(Capability.Extraction)]
                [UseModel({|#0:"af-medium"|})]
                public partial Task<string> ExtractAsync(string ticket);

                public partial Task<string> ExtractAsync(string ticket) => Task.FromResult("");
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0001").WithLocation(0).WithArguments(
            "Step 'Support.Extract'", "af-medium", "$0.001", "$0.004", "10", "af-small", "$0.0001", "$0.0004", NoMonthly)).RunAsync();
    }

    [Fact]
    public async Task OverProvisioned_BoundToCheapestSufficient_NoDiagnostic()
    {
        const string code = """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                [UseModel("af-small")]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult("billing");

                // Writing Advanced: af-medium is the cheapest model that qualifies.
                [AgentStep, Requires(Capability.Writing, CapabilityLevel.Advanced)]
                [UseModel("af-medium")]
                public Task<string> DraftAsync(string ticket) => Task.FromResult("");
            }
            """;
        await Verify.Analyzer(code).RunAsync();
    }

    [Fact]
    public async Task OverProvisioned_AliasIsResolvedAndReportedAsWritten()
    {
        const string code = """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                [UseModel({|#0:"af-large-2025"|})]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult("billing");
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0001").WithLocation(0).WithArguments(
            "Step 'Support.Classify'", "af-large-2025", "$0.01", "$0.04", "100", "af-small", "$0.0001", "$0.0004", NoMonthly)).RunAsync();
    }

    [Fact]
    public async Task OverProvisioned_ClassLevelUseModel_ReportedOnceAtTheClassAttributeForTheUnionOfNeeds()
    {
        // The union needs Extraction Advanced (af-medium qualifies); af-large is 10x that.
        const string code = """
            [UseModel({|#0:"af-large"|})]
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult("billing");

                [AgentStep, Requires(Capability.Extraction, CapabilityLevel.Advanced)]
                public Task<string> ExtractAsync(string ticket) => Task.FromResult("");

                // Has its own binding, so the class binding does not serve it.
                [AgentStep, Requires(Capability.Reasoning, CapabilityLevel.Frontier), UseModel("af-large")]
                public Task<string> EscalateAsync(string ticket) => Task.FromResult("");

                public string NotAStep() => "";
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0001").WithLocation(0).WithArguments(
            "Class 'Support' (2 steps)", "af-large", "$0.01", "$0.04", "10", "af-medium", "$0.001", "$0.004", NoMonthly)).RunAsync();
    }

    [Fact]
    public async Task OverProvisioned_ModelIdLiteralsInTheStepBody_AreBindings()
    {
        const string code = """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                public Task<string> ClassifyAsync(string ticket)
                {
                    var options = new ChatOptions { ModelId = {|#0:"af-large"|} };
                    options.ModelId = {|#1:"af-medium"|};
                    var settings = new Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings { ModelId = {|#2:"af-large"|} };
                    var client = new OpenAI.OpenAIClient().GetChatClient({|#3:"af-large"|});
                    Func<ChatOptions> later = () => new ChatOptions { ModelId = {|#4:"af-large"|} };
                    return Task.FromResult("billing");
                }
            }
            """;
        var large = new object[] { "Step 'Support.Classify'", "af-large", "$0.01", "$0.04", "100", "af-small", "$0.0001", "$0.0004", NoMonthly };
        await Verify.Analyzer(
            code,
            expected:
            [
                Verify.Diagnostic("AGF0001").WithLocation(0).WithArguments(large),
                Verify.Diagnostic("AGF0001").WithLocation(1).WithArguments("Step 'Support.Classify'", "af-medium", "$0.001", "$0.004", "10", "af-small", "$0.0001", "$0.0004", NoMonthly),
                Verify.Diagnostic("AGF0001").WithLocation(2).WithArguments(large),
                Verify.Diagnostic("AGF0001").WithLocation(3).WithArguments(large),
                Verify.Diagnostic("AGF0001").WithLocation(4).WithArguments(large),
            ]).RunAsync();
    }

    [Fact]
    public async Task OverProvisioned_ConstantReachingModelId_IsABinding()
    {
        const string code = """
            public class Support
            {
                private const string Model = "af-large";

                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                public Task<string> ClassifyAsync(string ticket)
                {
                    var options = new ChatOptions { ModelId = {|#0:Model|} };
                    return Task.FromResult("billing");
                }
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0001").WithLocation(0).WithArguments(
            "Step 'Support.Classify'", "af-large", "$0.01", "$0.04", "100", "af-small", "$0.0001", "$0.0004", NoMonthly)).RunAsync();
    }

    [Fact]
    public async Task OverProvisioned_ModelIdOutsideAStep_IsIgnored()
    {
        const string code = """
            public class Plumbing
            {
                public ChatOptions Options() => new ChatOptions { ModelId = "af-large" };

                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                public Task<string> ClassifyAsync(string ticket)
                {
                    // Not a settings type: a ModelId on anything else is not a binding.
                    var other = new Other { ModelId = "af-large" };
                    return Task.FromResult(other.ModelId);
                }
            }

            public class Other { public string ModelId { get; set; } = ""; }
            """;
        await Verify.Analyzer(code).RunAsync();
    }

    [Fact]
    public async Task OverProvisioned_KernelFunctionWithOurAttributes_IsAStep()
    {
        const string code = """
            public class TicketPlugin
            {
                [KernelFunction, Requires(Capability.Classification, CapabilityLevel.Basic)]
                public string Classify(string ticket)
                {
                    var settings = new PromptExecutionSettings { ModelId = {|#0:"af-large"|} };
                    return "billing";
                }

                // A plain kernel function (no AgentFramework attribute) is not a step.
                [KernelFunction]
                public string Echo(string text)
                {
                    var settings = new PromptExecutionSettings { ModelId = "af-large" };
                    return text;
                }
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0001").WithLocation(0).WithArguments(
            "Step 'TicketPlugin.Classify'", "af-large", "$0.01", "$0.04", "100", "af-small", "$0.0001", "$0.0004", NoMonthly)).RunAsync();
    }

    [Fact]
    public async Task OverProvisioned_EmbeddedCatalog_OpusOnBasicClassificationWarns()
    {
        // Holds for any catalog in which claude-opus-4-1 costs at least 4x the cheapest model that does
        // basic classification (true of the real catalog by two orders of magnitude).
        const string code = """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                [ExpectedVolume(CallsPerDay = 50_000, InputTokens = 800, OutputTokens = 60)]
                [UseModel("claude-opus-4-1")]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult("billing");
            }
            """;
        var result = await AnalyzerRunner.RunAsync(TestSources.Code(code));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("AGF0001", diagnostic.Id);
        Assert.Equal(10, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("Step 'Support.Classify' is bound to 'claude-opus-4-1' ($", message, StringComparison.Ordinal);
        Assert.Contains("more per month", message, StringComparison.Ordinal);
        Assert.Empty(result.Exceptions);
    }

    [Fact]
    public async Task OverProvisioned_EmbeddedCatalog_CheapestSufficientModelIsNotFlagged()
    {
        // Whatever the embedded catalog's cheapest basic classifier is, binding it must not warn.
        var catalog = AgentFramework.Catalog.ModelCatalog.LoadEmbedded();
        var needs = new AgentFramework.Catalog.ModelNeeds([new(Capability.Classification, CapabilityLevel.Basic)]);
        var cheapest = AgentFramework.Catalog.ModelSelection.CheapestSufficient(catalog.Models, needs);
        Assert.NotNull(cheapest);
        var code = $$"""
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic), UseModel("{{cheapest!.Id}}")]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult("billing");
            }
            """;
        var result = await AnalyzerRunner.RunAsync(TestSources.Code(code));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.Exceptions);
    }
}
