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
        // The second id in the message is the second action: the fix and the message cannot disagree.
        var closest = (await ClosestListAsync()).Split(", ");
        Assert.Equal("af-large", closest[1]);
        var test = Verify.CodeFix<UseClosestCatalogModelCodeFixProvider>(Typo, Typo.Replace("af-smal", closest[1], StringComparison.Ordinal));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("AGF0003").WithLocation(0).WithArguments("af-smal", string.Join(", ", closest)));

        // A known id is then checked like any other binding: af-large for basic classification is over-provisioned.
        test.FixedState.ExpectedDiagnostics.Add(Verify.Diagnostic("AGF0001").WithLocation(0).WithArguments(
            "Step 'Support.Classify'", "af-large", "$0.01", "$0.04", "100", "af-small", "$0.0001", "$0.0004", string.Empty));
        test.CodeActionIndex = 1;
        test.CodeActionEquivalenceKey = UseClosestCatalogModelCodeFixProvider.EquivalenceKeyPrefix + closest[1];
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

    // The ids the analyzer lists for "af-smal" in the test catalog, read from its own diagnostic.
    private static async Task<string> ClosestListAsync()
    {
        var result = await AnalyzerRunner.RunAsync(TestSources.Code(Typo.Replace("{|#0:", string.Empty, StringComparison.Ordinal).Replace("|}", string.Empty, StringComparison.Ordinal)), TestSources.TestCatalog);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "AGF0003");
        var ids = diagnostic.Properties[DiagnosticProperties.ClosestModelsProperty]!;
        Assert.StartsWith("af-small", ids, StringComparison.Ordinal);
        Assert.Contains("closest catalog ids: " + ids.Replace(",", ", ", StringComparison.Ordinal) + ".", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return ids.Replace(",", ", ", StringComparison.Ordinal);
    }
}
