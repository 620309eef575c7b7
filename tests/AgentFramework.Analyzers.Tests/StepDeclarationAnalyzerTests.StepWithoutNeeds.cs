using AgentFramework.Analyzers.Tests.Infrastructure;

namespace AgentFramework.Analyzers.Tests;

/// <summary>AGF0004: a step that declares nothing the router could right-size it by.</summary>
public sealed partial class StepDeclarationAnalyzerTests
{
    [Fact]
    public async Task StepWithoutNeeds_BareAgentStep_IsReportedAtTheMethodName()
    {
        const string code = """
            public class Support
            {
                [AgentStep]
                public Task<string> {|#0:ReplyAsync|}(string ticket) => Task.FromResult("");

                // A bare step bound to a model still gets AGF0004, and no cost verdict without needs.
                [AgentStep, UseModel("af-large")]
                public Task<string> {|#1:Escalate|}(string ticket) => Task.FromResult("");
            }
            """;
        await Verify.Analyzer(
            code,
            expected:
            [
                Verify.Diagnostic("AGF0004").WithLocation(0).WithArguments("Support.Reply"),
                Verify.Diagnostic("AGF0004").WithLocation(1).WithArguments("Support.Escalate"),
            ]).RunAsync();
    }

    [Fact]
    public async Task StepWithoutNeeds_NeedsFromClassAssemblyFeaturesOrContext_NotReported()
    {
        const string code = """
            [assembly: Requires(Capability.Writing, CapabilityLevel.Basic)]

            public class A
            {
                [AgentStep] public Task<string> FromAssemblyAsync(string s) => Task.FromResult(s);
            }

            [Requires(Capability.Classification)]
            public class B
            {
                [AgentStep] public Task<string> FromClassAsync(string s) => Task.FromResult(s);
            }

            public class C
            {
                [AgentStep, RequiresFeatures(ModelFeatures.ToolCalling)] public Task<string> FeaturesAsync(string s) => Task.FromResult(s);
                [AgentStep, MinContextWindow(64_000)] public Task<string> ContextAsync(string s) => Task.FromResult(s);
            }

            [Requires(Capability.Classification)]
            public class Base { }

            public class Derived : Base
            {
                [AgentStep] public Task<string> FromBaseClassAsync(string s) => Task.FromResult(s);
            }
            """;
        await Verify.Analyzer(code).RunAsync();
    }

    [Fact]
    public async Task StepWithoutNeeds_PlainMethodsAndKernelFunctionsWithoutOurAttributes_AreNotSteps()
    {
        const string code = """
            public class Plugin
            {
                [KernelFunction] public string Echo(string s) => s;
                public string Helper(string s) => s;
            }
            """;
        await Verify.Analyzer(code).RunAsync();
    }
}
