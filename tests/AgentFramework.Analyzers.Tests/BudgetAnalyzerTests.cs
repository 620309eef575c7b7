using AgentFramework.Analyzers.Tests.Infrastructure;

namespace AgentFramework.Analyzers.Tests;

/// <summary>AGF0005: declared volume times the model's price exceeds the declared budget.</summary>
public sealed class BudgetAnalyzerTests
{
    [Fact]
    public async Task OverBudget_BoundModel_WarnsAtTheBudgetWithMonthlyCost()
    {
        // af-large is the only test model with frontier reasoning, so there is no AGF0001 here.
        // 50,000 calls/day * 30 * (800 * $0.01 + 60 * $0.04) / 1M = $15.60 per month.
        const string code = """
            public class Refunds
            {
                [AgentStep, Requires(Capability.Reasoning, CapabilityLevel.Frontier), UseModel("af-large")]
                [ExpectedVolume(CallsPerDay = 50_000, InputTokens = 800, OutputTokens = 60)]
                [{|#0:Budget(10)|}]
                public Task<string> DecideAsync(string ticket) => Task.FromResult("");

                [AgentStep, Requires(Capability.Reasoning, CapabilityLevel.Frontier), UseModel("af-large")]
                [ExpectedVolume(CallsPerDay = 50_000, InputTokens = 800, OutputTokens = 60)]
                [Budget(16)]
                public Task<string> WithinBudgetAsync(string ticket) => Task.FromResult("");
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0005").WithLocation(0).WithArguments(
            "Refunds.Decide", "$15.60", "af-large", "50,000", "800", "60", "$10.00", "")).RunAsync();
    }

    [Fact]
    public async Task OverBudget_UnboundStep_UsesTheCheapestSufficientModelAndSaysSo()
    {
        // af-small: 50,000 * 30 * (800 * 0.0001 + 60 * 0.0004) / 1M = $0.156.
        const string code = """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                [ExpectedVolume(CallsPerDay = 50_000, InputTokens = 800, OutputTokens = 60)]
                [{|#0:Budget(0.1)|}]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult("");
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0005").WithLocation(0).WithArguments(
            "Support.Classify", "$0.16", "af-small", "50,000", "800", "60", "$0.10", " (this is the cheapest model that meets its declared needs)")).RunAsync();
    }

    [Fact]
    public async Task OverBudget_ClassBudgetAndClassModel_ReportedAtTheStep()
    {
        const string code = """
            [Budget(1), UseModel("af-large")]
            public class Refunds
            {
                [AgentStep, Requires(Capability.Reasoning, CapabilityLevel.Frontier)]
                [ExpectedVolume(CallsPerDay = 50_000, InputTokens = 800, OutputTokens = 60)]
                public Task<string> {|#0:DecideAsync|}(string ticket) => Task.FromResult("");

                // No volume: no cost to compare.
                [AgentStep, Requires(Capability.Reasoning, CapabilityLevel.Frontier)]
                public Task<string> ReviewAsync(string ticket) => Task.FromResult("");
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0005").WithLocation(0).WithArguments(
            "Refunds.Decide", "$15.60", "af-large", "50,000", "800", "60", "$1.00", "")).RunAsync();
    }

    [Fact]
    public async Task OverBudget_ModelChosenInTheBody_IsJudgedAtTheLiteral()
    {
        // The cheapest sufficient model (af-small, $0.16) keeps the $1 budget; af-large in the body does not.
        const string code = """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                [ExpectedVolume(CallsPerDay = 50_000, InputTokens = 800, OutputTokens = 60), Budget(1)]
                public Task<string> ClassifyAsync(string ticket)
                {
                    var options = new ChatOptions { ModelId = {|#0:"af-large"|} };
                    var cheap = new ChatOptions { ModelId = "af-small" };
                    return Task.FromResult("");
                }
            }
            """;
        await Verify.Analyzer(
            code,
            expected:
            [
                Verify.Diagnostic("AGF0001").WithLocation(0).WithArguments(
                    "Step 'Support.Classify'", "af-large", "$0.01", "$0.04", "100", "af-small", "$0.0001", "$0.0004",
                    "; at the expected volume that is $15.44 more per month ($15.60 instead of $0.16)"),
                Verify.Diagnostic("AGF0005").WithLocation(0).WithArguments(
                    "Support.Classify", "$15.60", "af-large", "50,000", "800", "60", "$1.00", ""),
            ]).RunAsync();
    }
}
