using AgentFramework.Analyzers.Tests.Infrastructure;

namespace AgentFramework.Analyzers.Tests;

/// <summary>AGF0008: a value the runtime would refuse at startup, reported at build time with the same text.</summary>
public sealed partial class StepDeclarationAnalyzerTests
{
    [Fact]
    public async Task InvalidDeclaration_MethodValues_AreReportedAtTheAttribute()
    {
        const string code = """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                [{|#0:Budget(0)|}]
                [{|#1:SemanticCache(Threshold = double.NaN)|}]
                [{|#2:Requires((Capability)99)|}]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult("");

                [{|#3:AgentStep("")|}, Requires(Capability.Classification, CapabilityLevel.Basic), {|#4:ExpectedVolume(CallsPerDay = -1)|}]
                public Task<string> LabelAsync(string ticket) => Task.FromResult("");
            }
            """;
        await Verify.Analyzer(
            code,
            expected:
            [
                Verify.Diagnostic("AGF0008").WithLocation(0).WithArguments("method 'Support.ClassifyAsync' declares Budget(0); it must be a positive number of US dollars per month."),
                Verify.Diagnostic("AGF0008").WithLocation(1).WithArguments("method 'Support.ClassifyAsync' declares SemanticCache(Threshold = double.NaN); it must be in (0, 1], or 0 for the cache's default."),
                Verify.Diagnostic("AGF0008").WithLocation(2).WithArguments("method 'Support.ClassifyAsync' declares an undefined capability or level: Requires((Capability)99, CapabilityLevel.Standard); use the Capability and CapabilityLevel values."),
                Verify.Diagnostic("AGF0008").WithLocation(3).WithArguments("method 'Support.LabelAsync' declares an empty step id ([AgentStep(\"\")]); give it a name, or remove it to use the default 'Support.Label'."),
                Verify.Diagnostic("AGF0008").WithLocation(4).WithArguments("method 'Support.LabelAsync' declares ExpectedVolume(CallsPerDay = -1, InputTokens = 0, OutputTokens = 0); each must be a finite number, zero or more."),
            ]).RunAsync();
    }

    [Fact]
    public async Task InvalidDeclaration_ClassAndAssemblyAttributes_AreReportedOnceForAllTheirSteps()
    {
        const string code = """
            [assembly: {|#1:MinContextWindow(0)|}]

            [{|#0:Budget(-1)|}]
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult("");

                [AgentStep, Requires(Capability.Extraction)]
                public Task<string> ExtractAsync(string ticket) => Task.FromResult("");
            }
            """;
        await Verify.Analyzer(
            code,
            expected:
            [
                Verify.Diagnostic("AGF0008").WithLocation(0).WithArguments("class 'Support' declares Budget(-1); it must be a positive number of US dollars per month."),
                Verify.Diagnostic("AGF0008").WithLocation(1).WithArguments("the assembly declares MinContextWindow(0); it must be positive."),
            ]).RunAsync();
    }

    [Fact]
    public async Task InvalidDeclaration_CacheScopeThatCannotBeFormed_IsReportedAtTheParameter()
    {
        const string code = """
            public sealed class Customer { public string Id { get; set; } = ""; }

            public class Support
            {
                [AgentStep, Requires(Capability.Writing)]
                public Task<string> AnswerAsync(string question, [CacheScope] Customer {|#0:customer|}) => Task.FromResult("");

                [AgentStep, Requires(Capability.Writing)]
                public Task<string> QuoteAsync(string question, [CacheKey(Name = "x")] string a, [CacheKey(Name = "x")] string {|#1:b|}) => Task.FromResult("");
            }
            """;
        await Verify.Analyzer(
            code,
            expected:
            [
                Verify.Diagnostic("AGF0008").WithLocation(0).WithArguments(
                    "method 'Support.AnswerAsync' marks parameter 'customer' of type 'Customer' as part of the cache scope, but that type neither overrides ToString() nor implements IFormattable, so every value gives the same scope text and one caller's cached answer could be served to another; pass an identifier (string, number, Guid) or override ToString()."),
                Verify.Diagnostic("AGF0008").WithLocation(1).WithArguments(
                    "method 'Support.QuoteAsync' maps parameters 'a' and 'b' to the same cache scope field 'x', so the scope cannot be formed; give each [CacheKey] its own Name."),
            ]).RunAsync();
    }

    [Fact]
    public async Task InvalidDeclaration_ValidValues_AreNotReported()
    {
        const string code = """
            public sealed record OrderId(string Value);

            [Budget(10), SemanticCache(Threshold = 0.9, TtlSeconds = 60)]
            public class Support
            {
                [AgentStep("label"), Requires(Capability.Classification, CapabilityLevel.None), Requires(Capability.Extraction)]
                [ExpectedVolume(CallsPerDay = 0.5, InputTokens = 0, OutputTokens = 10), MinContextWindow(1), RequiresFeatures(ModelFeatures.Vision | ModelFeatures.ToolCalling)]
                public Task<string> LabelAsync(string ticket, [CacheKey] OrderId order, [CacheKey] int? count, [CacheScope] Guid tenant) => Task.FromResult("");
            }
            """;
        await Verify.Analyzer(code).RunAsync();
    }

    [Fact]
    public async Task InvalidDeclaration_OnAnInterfaceStep_IsReportedOnceThoughTheImplementationSurfacesItToo()
    {
        const string code = """
            public interface IMyAgent
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic), {|#0:Budget(0)|}]
                Task<string> ClassifyAsync(string text);
            }

            public class MyAgent : IMyAgent
            {
                [HasSideEffects]
                public Task<string> ClassifyAsync(string text) => Task.FromResult(text);
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0008").WithLocation(0).WithArguments(
            "method 'IMyAgent.ClassifyAsync' declares Budget(0); it must be a positive number of US dollars per month.")).RunAsync();
    }
}
