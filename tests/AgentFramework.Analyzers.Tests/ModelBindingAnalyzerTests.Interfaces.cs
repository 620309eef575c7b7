using AgentFramework.Analyzers.Tests.Infrastructure;

namespace AgentFramework.Analyzers.Tests;

/// <summary>
/// Steps declared on interface methods: judged where declared, refined by the implementing class with the same
/// precedence as the runtime (method > interface method > class > assembly).
/// </summary>
public sealed partial class ModelBindingAnalyzerTests
{
    [Fact]
    public async Task Interfaces_BindingOnTheInterface_IsJudgedOnceAtTheInterface()
    {
        const string code = """
            public interface IMyAgent
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic), UseModel({|#0:"af-large"|})]
                Task<string> ClassifyAsync(string text);
            }

            public class MyAgent : IMyAgent
            {
                public Task<string> ClassifyAsync(string text) => Task.FromResult(text);
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0001").WithLocation(0).WithArguments(
            "Step 'IMyAgent.Classify'", "af-large", "$0.01", "$0.04", "100", "af-small", "$0.0001", "$0.0004", NoMonthly)).RunAsync();
    }

    [Fact]
    public async Task Interfaces_ClassMethodBinding_IsJudgedAgainstTheInterfaceNeeds()
    {
        const string code = """
            public interface IMyAgent
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                Task<string> ClassifyAsync(string text);
            }

            public class MyAgent : IMyAgent
            {
                [UseModel({|#0:"af-large"|})]
                public Task<string> ClassifyAsync(string text) => Task.FromResult(text);
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0001").WithLocation(0).WithArguments(
            "Step 'MyAgent.Classify'", "af-large", "$0.01", "$0.04", "100", "af-small", "$0.0001", "$0.0004", NoMonthly)).RunAsync();
    }

    [Fact]
    public async Task Interfaces_ClassBinding_ServesStepsDeclaredOnTheInterface()
    {
        const string code = """
            public interface IMyAgent
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                Task<string> ClassifyAsync(string text);

                // Bound closer (on the interface method): the class binding does not serve it.
                [AgentStep, Requires(Capability.Reasoning, CapabilityLevel.Frontier), UseModel("af-large")]
                Task<string> DecideAsync(string text);
            }

            [UseModel({|#0:"af-large"|})]
            public class MyAgent : IMyAgent
            {
                public Task<string> ClassifyAsync(string text) => Task.FromResult(text);

                public Task<string> DecideAsync(string text) => Task.FromResult(text);
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0001").WithLocation(0).WithArguments(
            "Class 'MyAgent' (1 step)", "af-large", "$0.01", "$0.04", "100", "af-small", "$0.0001", "$0.0004", NoMonthly)).RunAsync();
    }

    [Fact]
    public async Task Interfaces_StepWithoutNeeds_IsReportedWhereDeclaredOnly()
    {
        const string code = """
            public interface IMyAgent
            {
                [AgentStep]
                Task<string> {|#0:ReplyAsync|}(string text);
            }

            public class MyAgent : IMyAgent
            {
                [HasSideEffects]
                public Task<string> ReplyAsync(string text) => Task.FromResult(text);
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0004").WithLocation(0).WithArguments("IMyAgent.Reply")).RunAsync();
    }

    [Fact]
    public async Task Interfaces_ConflictingInterfaces_AreReportedAtTheImplementation()
    {
        const string code = """
            public interface IA
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic), Budget(5)]
                Task<string> ClassifyAsync(string text);
            }

            public interface IB
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic), Budget(10)]
                Task<string> ClassifyAsync(string text);
            }

            public class Both : IA, IB
            {
                [Requires(Capability.Classification, CapabilityLevel.Basic)]
                public Task<string> {|#0:ClassifyAsync|}(string text) => Task.FromResult(text);
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0008").WithLocation(0).WithArguments(
            "method 'IB.ClassifyAsync' declares [Budget(10)] while method 'IA.ClassifyAsync' declares [Budget(5)] for the same method 'Both.ClassifyAsync'; declare it on 'Both.ClassifyAsync' to choose.")).RunAsync();
    }

    [Fact]
    public async Task Interfaces_ScopeDeclaredOnTheInterfaceParameter_CountsForTheImplementation()
    {
        const string code = """
            public interface IMyAgent
            {
                [AgentStep, Requires(Capability.Writing)]
                Task<string> AnswerAsync(string question, [CacheScope] string userId);
            }

            public class MyAgent : IMyAgent
            {
                [SemanticCache(Threshold = 0.9)]
                public Task<string> AnswerAsync(string question, string userId) => Task.FromResult(question);
            }
            """;
        await Verify.Analyzer(code).RunAsync();
    }
}
