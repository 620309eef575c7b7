using AgentFramework.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentFramework.Analyzers.Tests;

/// <summary>
/// The syntactic pre-filter skips declarations and expressions by name before anything is bound. These tests pin
/// both halves of its contract: it does skip what cannot be a step or a binding, and it never loses a diagnostic
/// however the attribute is spelled (alias, global alias, alias with the Attribute suffix, namespace alias,
/// fully qualified, the suffix itself) or wherever it is written (interface method, class, assembly, the other
/// part of a partial method, a null-conditional call).
/// </summary>
public sealed class StepSyntaxFilterTests
{
    private const string NoMonthly = "";

    private static readonly object[] LargeForBasicClassification =
        ["af-large", "$0.01", "$0.04", "100", "af-small", "$0.0001", "$0.0004", NoMonthly];

    [Fact]
    public async Task MayDeclareStep_AnswersByAttributeNameWithoutBinding()
    {
        var compilation = await AnalyzerRunner.CompileAsync(TestSources.Code("""
            using Step = AgentFramework.AgentStepAttribute;

            public class C
            {
                public void Plain() { }
                [System.Obsolete] public void Other() { }
                [return: System.Diagnostics.CodeAnalysis.NotNull] public string Returned() => "";
                [AgentStep] public void Direct() { }
                [Step] public void Aliased() { }
                [AgentFramework.AgentStepAttribute] public void Qualified() { }
                [KernelFunction] public void Kernel() { }
                [CacheScope] public void ParameterAttributeOnly() { }
            }
            """));
        var filter = new StepSyntaxFilter(compilation);
        var type = compilation.GetTypeByMetadataName("C")!;
        bool May(string name) => filter.MayDeclareStep(type.GetMembers(name).OfType<IMethodSymbol>().Single(), CancellationToken.None);

        Assert.False(May("Plain"));
        Assert.False(May("Other"));
        Assert.False(May("Returned"));
        Assert.False(May("ParameterAttributeOnly"));
        Assert.True(May("Direct"));
        Assert.True(May("Aliased"));
        Assert.True(May("Qualified"));
        Assert.True(May("Kernel"));
    }

    [Fact]
    public async Task MayCarryStepAttribute_LooksAtEveryPartOfAType()
    {
        var compilation = await AnalyzerRunner.CompileAsync(
            TestSources.Code("""
                public partial class Bound { }
                public class Unbound { }
                [System.Serializable] public class OtherAttributes { }
                """),
            """
            using AgentFramework;

            [UseModel("af-large")]
            public partial class Bound { }
            """);
        var filter = new StepSyntaxFilter(compilation);

        Assert.True(filter.MayCarryStepAttribute(compilation.GetTypeByMetadataName("Bound")!, CancellationToken.None));
        Assert.False(filter.MayCarryStepAttribute(compilation.GetTypeByMetadataName("Unbound")!, CancellationToken.None));
        Assert.False(filter.MayCarryStepAttribute(compilation.GetTypeByMetadataName("OtherAttributes")!, CancellationToken.None));
    }

    [Theory]
    [InlineData("o.ModelId = \"m\";", true)]
    [InlineData("o!.ModelId = \"m\";", true)]
    [InlineData("_ = new ChatOptions { ModelId = \"m\" };", true)]
    [InlineData("c?.GetChatClient(\"m\");", true)]
    [InlineData("c!.GetChatClient(\"m\");", true)]
    [InlineData("o.ModelId += \"m\";", false)]
    [InlineData("int x; x = 2;", false)]
    [InlineData("o.ToString();", false)]
    [InlineData("var s = o.ModelId;", false)]
    public async Task MayBindModel_KeepsOnlyModelIdAssignmentsAndGetChatClientCalls(string statement, bool expected)
    {
        var compilation = await AnalyzerRunner.CompileAsync(TestSources.Code(
            "public class C { public void M(ChatOptions o, OpenAI.OpenAIClient? c) { " + statement + " } }"));
        var body = compilation.SyntaxTrees[0].GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "M").Body!;

        var candidates = body.DescendantNodes().Where(StepSyntaxFilter.MayBindModel).ToList();

        // The kept nodes are assignments to ModelId or calls of GetChatClient; nothing else survives.
        Assert.Equal(expected, candidates.Count > 0 && candidates.All(n => n is AssignmentExpressionSyntax or InvocationExpressionSyntax));
        Assert.Equal(expected, candidates.Count == 1);
    }

    [Fact]
    public async Task Diagnostics_AttributesThroughAnAlias()
    {
        const string code = """
            using Step = AgentFramework.AgentStepAttribute;
            using Needs = AgentFramework.RequiresAttribute;
            using Model = AgentFramework.UseModelAttribute;

            public class Support
            {
                [Step, Needs(Capability.Classification, CapabilityLevel.Basic), Model({|#0:"af-large"|})]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult(ticket);
            }
            """;
        await Verify.Analyzer(code, expected: OverProvisioned(0, "Step 'Support.Classify'")).RunAsync();
    }

    [Fact]
    public async Task Diagnostics_AliasNamedWithTheAttributeSuffix_UsedWithoutIt()
    {
        const string code = """
            using CheapAttribute = AgentFramework.UseModelAttribute;

            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic), Cheap({|#0:"af-large"|})]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult(ticket);
            }
            """;
        await Verify.Analyzer(code, expected: OverProvisioned(0, "Step 'Support.Classify'")).RunAsync();
    }

    [Fact]
    public async Task Diagnostics_AliasDeclaredInANamespace()
    {
        const string code = """
            namespace Agents
            {
                using Bind = AgentFramework.UseModelAttribute;

                public class Support
                {
                    [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic), Bind({|#0:"af-large"|})]
                    public Task<string> ClassifyAsync(string ticket) => Task.FromResult(ticket);
                }
            }
            """;
        await Verify.Analyzer(code, expected: OverProvisioned(0, "Step 'Support.Classify'")).RunAsync();
    }

    [Fact]
    public async Task Diagnostics_GlobalAliasDeclaredInAnotherFile()
    {
        const string code = """
            public class Support
            {
                [Step, Requires(Capability.Classification, CapabilityLevel.Basic), UseModel({|#0:"af-large"|})]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult(ticket);
            }
            """;
        var test = Verify.Analyzer(code, expected: OverProvisioned(0, "Step 'Support.Classify'"));
        test.TestState.Sources.Add(("/0/GlobalUsings.cs", "global using Step = AgentFramework.AgentStepAttribute;"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Diagnostics_NamespaceAliasAndFullyQualifiedNames()
    {
        const string code = """
            using AF = AgentFramework;

            public class Support
            {
                [global::AgentFramework.AgentStep, AF.Requires(AF.Capability.Classification, AF.CapabilityLevel.Basic), AF::UseModelAttribute({|#0:"af-large"|})]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult(ticket);
            }
            """;
        await Verify.Analyzer(code, expected: OverProvisioned(0, "Step 'Support.Classify'")).RunAsync();
    }

    [Fact]
    public async Task Diagnostics_AttributeSuffixSpelledOut()
    {
        const string code = """
            public class Support
            {
                [AgentStepAttribute, RequiresAttribute(Capability.Classification, CapabilityLevel.Basic), UseModelAttribute({|#0:"af-large"|})]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult(ticket);
            }
            """;
        await Verify.Analyzer(code, expected: OverProvisioned(0, "Step 'Support.Classify'")).RunAsync();
    }

    [Fact]
    public async Task Diagnostics_AliasOnAnInterfaceMethod()
    {
        const string code = """
            using Step = AgentFramework.AgentStepAttribute;

            public interface IMyAgent
            {
                [Step, Requires(Capability.Classification, CapabilityLevel.Basic), UseModel({|#0:"af-large"|})]
                Task<string> ClassifyAsync(string text);
            }

            public class MyAgent : IMyAgent
            {
                public Task<string> ClassifyAsync(string text) => Task.FromResult(text);
            }
            """;
        await Verify.Analyzer(code, expected: OverProvisioned(0, "Step 'IMyAgent.Classify'")).RunAsync();
    }

    [Fact]
    public async Task Diagnostics_ClassBindingThroughAnAlias()
    {
        const string code = """
            using Model = AgentFramework.UseModelAttribute;

            [Model({|#0:"af-large"|})]
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult(ticket);

                public string NotAStep() => "";
            }
            """;
        await Verify.Analyzer(code, expected: OverProvisioned(0, "Class 'Support' (1 step)")).RunAsync();
    }

    [Fact]
    public async Task Diagnostics_AssemblyNeedsThroughAnAlias()
    {
        const string code = """
            using Needs = AgentFramework.RequiresAttribute;

            [assembly: Needs(Capability.Reasoning, CapabilityLevel.Advanced)]

            public class Refunds
            {
                [AgentStep, UseModel({|#0:"af-small"|})]
                public Task<string> DecideAsync(string ticket) => Task.FromResult(ticket);
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0002").WithLocation(0).WithArguments(
            "Step 'Refunds.Decide'", "af-small", "Reasoning is unknown, step needs Advanced",
            "; the cheapest model that does is 'af-large' ($0.01/$0.04 per 1M input/output tokens)")).RunAsync();
    }

    [Fact]
    public async Task Diagnostics_AttributesOnTheImplementingPartOfAPartialMethod()
    {
        const string code = """
            public partial class Support
            {
                public partial Task<string> ClassifyAsync(string ticket);
            }

            public partial class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic), UseModel("af-large")]
                public partial Task<string> ClassifyAsync(string ticket) => Task.FromResult(ticket);
            }
            """;
        var source = TestSources.Code(code);

        var result = await AnalyzerRunner.RunAsync(source, TestSources.TestCatalog);

        // Roslyn runs the symbol action for both parts; the families report on the definition part only, whose own
        // syntax has no attributes: the warning exists only because the filter also looks at the implementing part.
        var literal = source.IndexOf("\"af-large\"", StringComparison.Ordinal);
        var overProvisioned = result.Diagnostics.Where(d => d.Id == "AGF0001").ToList();
        Assert.Single(overProvisioned);
        Assert.All(overProvisioned, d => Assert.Equal(literal, d.Location.SourceSpan.Start));
    }

    [Fact]
    public async Task Diagnostics_NullConditionalGetChatClientInAStep()
    {
        const string code = """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                public string Classify(OpenAI.OpenAIClient? openAi)
                {
                    var chat = openAi?.GetChatClient({|#0:"af-large"|});
                    return chat is null ? "" : "ok";
                }
            }
            """;
        await Verify.Analyzer(code, expected: OverProvisioned(0, "Step 'Support.Classify'")).RunAsync();
    }

    [Fact]
    public async Task Diagnostics_SameSimpleNameFromAnotherNamespace_IsNotAStep()
    {
        // The name passes the pre-filter; the symbol check then finds it is not our [AgentStep].
        const string code = """
            namespace Other
            {
                [System.AttributeUsage(System.AttributeTargets.Method)]
                public sealed class AgentStepAttribute : System.Attribute { }
            }

            public class Support
            {
                [Other.AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic), UseModel("af-large")]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult(ticket);
            }
            """;
        await Verify.Analyzer(code).RunAsync();
    }

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult OverProvisioned(int location, string subject) =>
        Verify.Diagnostic("AGF0001").WithLocation(location).WithArguments([subject, .. LargeForBasicClassification]);
}
