using AgentFramework.Analyzers.Tests.Infrastructure;

namespace AgentFramework.Analyzers.Tests;

/// <summary>.editorconfig options: ratio, currency format and severities.</summary>
public sealed partial class ModelBindingAnalyzerTests
{
    private const string MediumAndLarge = """
        public class Support
        {
            [AgentStep, Requires(Capability.Extraction), UseModel({|#0:"af-medium"|})]
            public Task<string> ExtractAsync(string ticket) => Task.FromResult("");

            [AgentStep, Requires(Capability.Extraction), UseModel({|#1:"af-large"|})]
            public Task<string> ExtractMoreAsync(string ticket) => Task.FromResult("");
        }
        """;

    [Fact]
    public async Task Options_OverprovisionRatio_RaisesTheThreshold()
    {
        // af-medium is 10x af-small, af-large 100x: with a ratio of 20 only af-large is reported.
        await Verify.Analyzer(MediumAndLarge, editorConfig: "agentframework.overprovision_ratio = 20", expected:
            Verify.Diagnostic("AGF0001").WithLocation(1).WithArguments(
                "Step 'Support.ExtractMore'", "af-large", "$0.01", "$0.04", "100", "af-small", "$0.0001", "$0.0004", NoMonthly)).RunAsync();
    }

    [Theory]
    [InlineData("agentframework.overprovision_ratio = banana")]
    [InlineData("agentframework.overprovision_ratio = 0.5")]
    [InlineData("")]
    public async Task Options_InvalidOrMissingRatio_FallsBackToFour(string editorConfig)
    {
        await Verify.Analyzer(MediumAndLarge, editorConfig: editorConfig, expected:
        [
            Verify.Diagnostic("AGF0001").WithLocation(0).WithArguments("Step 'Support.Extract'", "af-medium", "$0.001", "$0.004", "10", "af-small", "$0.0001", "$0.0004", NoMonthly),
            Verify.Diagnostic("AGF0001").WithLocation(1).WithArguments("Step 'Support.ExtractMore'", "af-large", "$0.01", "$0.04", "100", "af-small", "$0.0001", "$0.0004", NoMonthly),
        ]).RunAsync();
    }

    [Fact]
    public async Task Options_CurrencyFormat_IsAppliedToPricesAndMonthlyFigures()
    {
        const string code = """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                [ExpectedVolume(CallsPerDay = 50_000, InputTokens = 800, OutputTokens = 60)]
                [UseModel({|#0:"af-large"|})]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult("billing");
            }
            """;
        await Verify.Analyzer(code, editorConfig: "agentframework.currency_format = {0} USD", expected:
            Verify.Diagnostic("AGF0001").WithLocation(0).WithArguments(
                "Step 'Support.Classify'", "af-large", "0.01 USD", "0.04 USD", "100", "af-small", "0.0001 USD", "0.0004 USD",
                "; at the expected volume that is 15.44 USD more per month (15.60 USD instead of 0.16 USD)")).RunAsync();
    }

    [Fact]
    public async Task Options_CurrencyFormat_AcceptsANumericFormatInThePlaceholder()
    {
        const string code = """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                [UseModel({|#0:"af-large"|})]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult("billing");
            }
            """;
        await Verify.Analyzer(code, editorConfig: "agentframework.currency_format = EUR {0:0.000}", expected:
            Verify.Diagnostic("AGF0001").WithLocation(0).WithArguments(
                "Step 'Support.Classify'", "af-large", "EUR 0.010", "EUR 0.040", "100", "af-small", "EUR 0.000", "EUR 0.000", NoMonthly)).RunAsync();
    }

    [Fact]
    public async Task Options_SeverityNone_SilencesTheRule()
    {
        await Verify.Analyzer(MediumAndLarge, editorConfig: "dotnet_diagnostic.AGF0001.severity = none").RunAsync();
    }
}
