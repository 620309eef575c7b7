using AgentFramework.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;

namespace AgentFramework.Analyzers.Tests;

/// <summary>The code fix that rewrites a bound model id to the cheapest sufficient model, and Fix All.</summary>
public sealed class UseCheapestSufficientModelCodeFixProviderTests
{
    private const string Classify = "Step 'Support.Classify'";

    private static DiagnosticResult LargeForBasicClassification(int location, string subject = Classify) =>
        Verify.Diagnostic("AGF0001").WithLocation(location).WithArguments(
            subject, "af-large", "$0.01", "$0.04", "100", "af-small", "$0.0001", "$0.0004", "");

    [Fact]
    public async Task AttributeArgument_IsReplacedWithTheCheapestSufficientModel()
    {
        var test = Verify.CodeFix(
            """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                [UseModel({|#0:"af-large"|})] // chosen in 2024
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult("billing");
            }
            """,
            """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                [UseModel("af-small")] // chosen in 2024
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult("billing");
            }
            """);
        test.ExpectedDiagnostics.Add(LargeForBasicClassification(0));
        test.CodeActionEquivalenceKey = UseCheapestSufficientModelCodeFixProvider.EquivalenceKey;
        await test.RunAsync();
    }

    [Fact]
    public async Task ChatOptionsLiteral_IsReplaced()
    {
        var test = Verify.CodeFix(
            """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                public ChatOptions Classify(string ticket) => new ChatOptions { ModelId = {|#0:"af-large"|} };
            }
            """,
            """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                public ChatOptions Classify(string ticket) => new ChatOptions { ModelId = "af-small" };
            }
            """);
        test.ExpectedDiagnostics.Add(LargeForBasicClassification(0));
        await test.RunAsync();
    }

    [Fact]
    public async Task UnderProvisioned_IsUpgradedToTheCheapestModelThatMeetsTheNeeds()
    {
        var test = Verify.CodeFix(
            """
            public class Intake
            {
                [AgentStep, Requires(Capability.Extraction), RequiresFeatures(ModelFeatures.Vision)]
                [UseModel({|#0:"af-small"|})]
                public Task<string> ReadScanAsync(string image) => Task.FromResult("");
            }
            """,
            """
            public class Intake
            {
                [AgentStep, Requires(Capability.Extraction), RequiresFeatures(ModelFeatures.Vision)]
                [UseModel("af-medium")]
                public Task<string> ReadScanAsync(string image) => Task.FromResult("");
            }
            """);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("AGF0002").WithLocation(0).WithArguments(
            "Step 'Intake.ReadScan'", "af-small", "lacks Vision", "; the cheapest model that does is 'af-medium' ($0.001/$0.004 per 1M input/output tokens)"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Constant_IsReportedButNotRewritten()
    {
        // The id lives in a constant others may share: the user decides, so no fix is offered.
        const string code = """
            public class Support
            {
                private const string Model = "af-large";

                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                public ChatOptions Classify(string ticket) => new ChatOptions { ModelId = {|#0:Model|} };
            }
            """;
        var test = Verify.CodeFix(code, code);
        test.ExpectedDiagnostics.Add(LargeForBasicClassification(0));
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAll_InDocument_FixesEveryBinding()
    {
        var test = Verify.CodeFix(
            """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic), UseModel({|#0:"af-large"|})]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult("");

                [AgentStep, Requires(Capability.Extraction, CapabilityLevel.Advanced), UseModel({|#1:"af-large"|})]
                public Task<string> ExtractAsync(string ticket)
                {
                    var options = new ChatOptions { ModelId = {|#2:"af-large"|} };
                    return Task.FromResult("");
                }
            }
            """,
            """
            public class Support
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic), UseModel("af-small")]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult("");

                [AgentStep, Requires(Capability.Extraction, CapabilityLevel.Advanced), UseModel("af-medium")]
                public Task<string> ExtractAsync(string ticket)
                {
                    var options = new ChatOptions { ModelId = "af-medium" };
                    return Task.FromResult("");
                }
            }
            """);
        var medium = new object[] { "Step 'Support.Extract'", "af-large", "$0.01", "$0.04", "10", "af-medium", "$0.001", "$0.004", "" };
        test.ExpectedDiagnostics.Add(LargeForBasicClassification(0));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("AGF0001").WithLocation(1).WithArguments(medium));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("AGF0001").WithLocation(2).WithArguments(medium));
        test.CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInProjectCheck | CodeFixTestBehaviors.SkipFixAllInSolutionCheck;
        test.NumberOfFixAllInDocumentIterations = 1;
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAll_InProject_FixesEveryDocument()
    {
        var test = Verify.CodeFix(StepIn("A", "af-large", "{|#0:", "|}"), StepIn("A", "af-small"));
        test.TestState.Sources.Add(("/0/Second.cs", SecondDocument("B", "af-large", "{|#1:", "|}")));
        test.FixedState.Sources.Add(("/0/Second.cs", SecondDocument("B", "af-small")));
        test.ExpectedDiagnostics.Add(LargeForBasicClassification(0, "Step 'A.Classify'"));
        test.ExpectedDiagnostics.Add(LargeForBasicClassification(1, "Step 'B.Classify'"));
        test.CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInDocumentCheck | CodeFixTestBehaviors.SkipFixAllInSolutionCheck;
        test.NumberOfFixAllInProjectIterations = 1;
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAll_InSolution_FixesEveryProject()
    {
        var test = Verify.CodeFix(StepIn("A", "af-large", "{|#0:", "|}"), StepIn("A", "af-small"));
        var second = new ProjectState("Second", Microsoft.CodeAnalysis.LanguageNames.CSharp, "/Second/Test", "cs");
        second.Sources.Add(("/Second/Test0.cs", TestSources.Code(StepIn("B", "af-large", "{|#1:", "|}"))));
        second.AdditionalReferences.Add(TestSources.Abstractions);
        second.AdditionalFiles.Add(("/Second/agentframework.models.json", TestSources.TestCatalog));
        test.TestState.AdditionalProjects.Add("Second", second);

        var fixedSecond = new ProjectState("Second", Microsoft.CodeAnalysis.LanguageNames.CSharp, "/Second/Test", "cs");
        fixedSecond.Sources.Add(("/Second/Test0.cs", TestSources.Code(StepIn("B", "af-small"))));
        fixedSecond.AdditionalReferences.Add(TestSources.Abstractions);
        fixedSecond.AdditionalFiles.Add(("/Second/agentframework.models.json", TestSources.TestCatalog));
        test.FixedState.AdditionalProjects.Add("Second", fixedSecond);

        test.ExpectedDiagnostics.Add(LargeForBasicClassification(0, "Step 'A.Classify'"));
        test.ExpectedDiagnostics.Add(LargeForBasicClassification(1, "Step 'B.Classify'"));
        test.CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInDocumentCheck | CodeFixTestBehaviors.SkipFixAllInProjectCheck;
        test.NumberOfFixAllIterations = 1;
        await test.RunAsync();
    }

    /// <summary>A step class body; Verify.CodeFix adds usings and stand-ins to the first document.</summary>
    private static string StepIn(string type, string model, string open = "", string close = "") => $$"""
        public class {{type}}
        {
            [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic), UseModel({{open}}"{{model}}"{{close}})]
            public Task<string> ClassifyAsync(string ticket) => Task.FromResult("");
        }
        """;

    /// <summary>A second document of the same project: usings, no second copy of the stand-ins.</summary>
    private static string SecondDocument(string type, string model, string open = "", string close = "") =>
        TestSources.Usings + StepIn(type, model, open, close);
}
