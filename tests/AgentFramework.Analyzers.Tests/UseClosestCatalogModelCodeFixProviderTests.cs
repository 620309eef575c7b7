using AgentFramework.Analyzers.Tests.Infrastructure;

namespace AgentFramework.Analyzers.Tests;

/// <summary>The AGF0003 code fix: replace an unknown model id with one of the closest catalog ids.</summary>
public sealed class UseClosestCatalogModelCodeFixProviderTests
{
    private const string Typo = """
        public class Support
        {
            [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
            [UseModel({|#0:"af-smal"|})]
            public Task<string> ClassifyAsync(string ticket) => Task.FromResult("billing");
        }
        """;

    [Fact]
    public async Task Typo_IsReplacedWithTheClosestCatalogId()
    {
        var test = Verify.CodeFix<UseClosestCatalogModelCodeFixProvider>(Typo, Typo.Replace("{|#0:\"af-smal\"|}", "\"af-small\"", StringComparison.Ordinal));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("AGF0003").WithLocation(0).WithArguments("af-smal", await ClosestListAsync()));
        test.CodeActionEquivalenceKey = UseClosestCatalogModelCodeFixProvider.EquivalenceKeyPrefix + "af-small";
        await test.RunAsync();
    }

    [Fact]
    public async Task EveryListedId_IsOfferedInTheMessagesOrder()
    {
        // "af-" is part of all three test ids, so all three are listed (by id); the second id in the message is the
        // second action: the fix and the message cannot disagree.
        var prefix = Typo.Replace("af-smal", "af-", StringComparison.Ordinal);
        var closest = (await ClosestListAsync(prefix)).Split(", ");
        Assert.Equal(new[] { "af-large", "af-medium", "af-small" }, closest);
        var test = Verify.CodeFix<UseClosestCatalogModelCodeFixProvider>(prefix, prefix.Replace("{|#0:\"af-\"|}", "{|#0:\"af-medium\"|}", StringComparison.Ordinal));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("AGF0003").WithLocation(0).WithArguments("af-", string.Join(", ", closest)));

        // A known id is then checked like any other binding: af-medium for basic classification is over-provisioned.
        test.FixedState.ExpectedDiagnostics.Add(Verify.Diagnostic("AGF0001").WithLocation(0).WithArguments(
            "Step 'Support.Classify'", "af-medium", "$0.001", "$0.004", "10", "af-small", "$0.0001", "$0.0004", string.Empty));
        test.CodeActionIndex = 1;
        test.CodeActionEquivalenceKey = UseClosestCatalogModelCodeFixProvider.EquivalenceKeyPrefix + closest[1];
        await test.RunAsync();
    }

    [Fact]
    public async Task IdUnlikeEveryCatalogId_GetsNoSuggestionAndNoFix()
    {
        var unrelated = Typo.Replace("af-smal", "internal-llm-prod", StringComparison.Ordinal);
        var test = Verify.CodeFix<UseClosestCatalogModelCodeFixProvider>(unrelated, unrelated);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("AGF0003").WithLocation(0).WithArguments("internal-llm-prod", "none is close"));
        await test.RunAsync();
    }

    [Fact]
    public async Task IdFromAConstant_IsLeftToTheUser()
    {
        const string code = """
            public class Support
            {
                private const string Model = "af-smal";

                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                [UseModel({|#0:Model|})]
                public Task<string> ClassifyAsync(string ticket) => Task.FromResult("billing");
            }
            """;
        var test = Verify.CodeFix<UseClosestCatalogModelCodeFixProvider>(code, code);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("AGF0003").WithLocation(0).WithArguments("af-smal", await ClosestListAsync()));
        await test.RunAsync();
    }

    // The ids the analyzer lists for the bound id in the test catalog ("af-smal" unless given), read from its own diagnostic.
    private static async Task<string> ClosestListAsync(string code = Typo)
    {
        var result = await AnalyzerRunner.RunAsync(TestSources.Code(code.Replace("{|#0:", string.Empty, StringComparison.Ordinal).Replace("|}", string.Empty, StringComparison.Ordinal)), TestSources.TestCatalog);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "AGF0003");
        var ids = diagnostic.Properties[DiagnosticProperties.ClosestModelsProperty]!;
        Assert.StartsWith(code == Typo ? "af-small" : "af-", ids, StringComparison.Ordinal);
        Assert.Contains("closest catalog ids: " + ids.Replace(",", ", ", StringComparison.Ordinal) + ".", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return ids.Replace(",", ", ", StringComparison.Ordinal);
    }
}
