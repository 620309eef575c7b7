using AgentFramework.Analyzers.Tests.Infrastructure;

namespace AgentFramework.Analyzers.Tests;

/// <summary>Runs alone so the process-wide swallowed-exception counter belongs to these snippets only.</summary>
[CollectionDefinition(nameof(StepRuleAnalyzerRobustnessTests), DisableParallelization = true)]
public sealed class RobustnessCollection;

/// <summary>
/// Half-typed and malformed code, the way the IDE sees it between keystrokes: the analyzer must report
/// no AD0001, hand no exception to the host, and swallow none either.
/// </summary>
[Collection(nameof(StepRuleAnalyzerRobustnessTests))]
public sealed class StepRuleAnalyzerRobustnessTests
{
    public static TheoryData<string> BrokenSnippets() =>
    [
        "public class C { [AgentStep, Requires(",
        "public class C { [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)] public Task<string> M(",
        "public class C { [AgentStep, UseModel()] public void M() { } }",
        "public class C { [AgentStep, UseModel(null)] public void M() { } }",
        "public class C { [AgentStep, UseModel(42)] public void M() { } }",
        "public class C { [AgentStep, UseModel(\"\")] public void M() { } }",
        "public class C { [AgentStep, UseModel(\"   \")] public void M() { } }",
        "public class C { [AgentStep, Requires((Capability)99, (CapabilityLevel)42)] public void M() { } }",
        "public class C { [AgentStep, Requires(Capability.Nope, CapabilityLevel.Basic), UseModel(\"af-large\")] public void M() { } }",
        "public class C { [AgentStep, Requires(Capability.Math, CapabilityLevel.Basic, 7)] public void M() { } }",
        "public class C { [AgentStep, RequiresFeatures(ModelFeatures.Vision | )] public void M() { } }",
        "public class C { [AgentStep, RequiresFeatures((ModelFeatures)(-1)), UseModel(\"af-small\")] public void M() { } }",
        "public class C { [AgentStep, Requires(Capability.Math), ExpectedVolume(CallsPerDay = -5, InputTokens = int.MaxValue, OutputTokens = )] [UseModel(\"af-large\")] public void M() { } }",
        "public class C { [AgentStep, Requires(Capability.Math), ExpectedVolume(CallsPerDay = double.PositiveInfinity, InputTokens = int.MaxValue, OutputTokens = int.MaxValue), Budget(1)] [UseModel(\"af-large\")] public void M() { } }",
        "public class C { [AgentStep, Requires(Capability.Math), ExpectedVolume(CallsPerDay = double.NaN, InputTokens = 1), Budget(double.NaN)] public void M() { } }",
        "public class C { [AgentStep, Requires(Capability.Math), ExpectedVolume(CallsPerDay = 1, InputTokens = 1), Budget(\"x\")] public void M() { } }",
        "public class C { [AgentStep, Requires(Capability.Math), Budget(-1), MinContextWindow(-1)] public void M() { } }",
        "public class C { [AgentStep, Requires(Capability.Math), MinContextWindow(int.MaxValue), UseModel(\"af-large\")] public void M() { } }",
        "public class C { [AgentStep] void M() { var o = new ChatOptions { ModelId = }; } }",
        "public class C { [AgentStep, Requires(Capability.Math)] void M() { var o = new ChatOptions(); o.ModelId = 5; o.ModelId = null; o.ModelId = \"\"; } }",
        "public class C { [AgentStep, Requires(Capability.Math)] void M() { new OpenAI.OpenAIClient().GetChatClient(); new OpenAI.OpenAIClient().GetChatClient(null); GetChatClient(\"af-large\"); } }",
        "public class C { [AgentStep, Requires(Capability.Math)] void M() { var o = new ChatOptions { ModelId = \"af-large\" + } } }",
        "public interface I { [AgentStep, Requires(Capability.Math), UseModel(\"af-large\")] Task M(); }",
        "public abstract class A { [AgentStep, Requires(Capability.Math), UseModel(\"af-large\")] public abstract Task M(); }",
        "public partial class P { [AgentStep, Requires(Capability.Math), UseModel(\"af-large\")] public partial Task M(); }",
        "public class C { void Outer() { [AgentStep, UseModel(\"af-large\")] static void Local() { } Local(); } }",
        "public class C { [SemanticCache, HasSideEffects, AgentStep] public void M([CacheScope] string userId, string tenantId, __arglist) { } }",
        "public class G<T> where T : class { [AgentStep, Requires(Capability.Math), UseModel(\"af-large\")] public T M<U>(U u) => default!; }",
        "[UseModel(\"af-large\")] public enum E { A }",
        "[UseModel(\"af-large\")] public class Empty { }",
        "[UseModel(\"nope\")] public class K { [AgentStep] public void M() { } }",
        "[assembly: Requires(]",
        "[assembly: Requires(Capability.Math, CapabilityLevel.Frontier)] public class C { [AgentStep, UseModel(\"af-small\")] public void M() { } }",
        "public class C { [AgentStep(Name = null), Requires(Capability.Math)] public void M() { } [AgentStep(\"\")] public void N() { } }",
        "public class C { [AgentStep] public C() { } [AgentStep] public static C operator +(C a, C b) => a; [AgentStep] ~C() { } }",
        "public class C { [KernelFunction, Requires(] public void M() { } }",
        "public class C : Missing { [AgentStep, Requires(Capability.Math), UseModel(\"af-large\")] public void M() { } }",
        "public class C { [AgentStep, Requires(Capability.Math)] void M() { Func<ChatOptions> f = () => new ChatOptions { ModelId = \"nope\" }; } }",
        "namespace { class",
        "}}}}{{{{ [AgentStep] [UseModel(\"af-large\")]",
    ];

    [Theory]
    [MemberData(nameof(BrokenSnippets))]
    public async Task BrokenCode_NoAnalyzerException(string snippet)
    {
        var before = AnalyzerGuard.SwallowedExceptions;

        var result = await AnalyzerRunner.RunAsync(TestSources.Code(snippet), TestSources.TestCatalog);

        Assert.Empty(result.Exceptions);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "AD0001");
        Assert.Equal(before, AnalyzerGuard.SwallowedExceptions);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"models\": 5}")]
    [InlineData("{\"models\": [{\"id\": \"\"}]}")]
    [InlineData("{\"models\": [{\"id\": \"x\", \"inputPerMillion\": -1, \"outputPerMillion\": 1}]}")]
    [InlineData("{\"models\": [{\"id\": \"x\", \"inputPerMillion\": 1, \"outputPerMillion\": 1, \"capabilities\": {\"reasoning\": 3}}]}")]
    [InlineData("{\"models\": [{\"id\": \"gpt-4.1-nano\", \"inputPerMillion\": \"cheap\"}]}")]
    [InlineData("{\"models\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}")]
    public async Task BrokenCatalog_NoAnalyzerException(string catalog)
    {
        const string code = """
            public class C
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic), UseModel("claude-opus-4-1")]
                public Task<string> M(string s) => Task.FromResult(s);
            }
            """;

        var result = await AnalyzerRunner.RunAsync(TestSources.Code(code), catalog);

        Assert.Empty(result.Exceptions);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "AD0001");
        // The embedded catalog still judges the step; a non-empty broken override is reported.
        Assert.Contains(result.Diagnostics, d => d.Id == "AGF0001");
        Assert.Equal(catalog.Trim().Length > 0, result.Diagnostics.Any(d => d.Id == "AGF0007"));
    }
}
