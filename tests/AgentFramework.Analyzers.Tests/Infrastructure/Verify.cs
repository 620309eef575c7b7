using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Testing;

namespace AgentFramework.Analyzers.Tests.Infrastructure;

/// <summary>Builds analyzer and code-fix tests with the reference assemblies, attributes and options they need.</summary>
internal static class Verify
{
    public const string CatalogPath = "/agentframework.models.json";

    public static DiagnosticResult Diagnostic(string id) => new(DiagnosticDescriptors.All.Single(d => d.Id == id));

    /// <summary>An analyzer test over <paramref name="body"/> (wrapped with usings and stand-ins).</summary>
    /// <param name="body">The code under test.</param>
    /// <param name="catalog">Override catalog JSON; <c>null</c> for the embedded catalog only.</param>
    /// <param name="editorConfig">Lines for the <c>[*.cs]</c> section of an .editorconfig.</param>
    /// <param name="expected">The diagnostics the analyzers must report.</param>
    public static AnalyzerTest Analyzer(
        string body,
        string? catalog = TestSources.TestCatalog,
        string? editorConfig = null,
        params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest
        {
            TestCode = TestSources.Code(body),
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
        };
        Configure(test.TestState, catalog, editorConfig);
        test.ExpectedDiagnostics.AddRange(expected);
        return test;
    }

    /// <summary>A code-fix test (cheapest sufficient model): <paramref name="body"/> is fixed to <paramref name="fixedBody"/>.</summary>
    public static CodeFixTest<UseCheapestSufficientModelCodeFixProvider> CodeFix(
        string body,
        string fixedBody,
        string? catalog = TestSources.TestCatalog) =>
        CodeFix<UseCheapestSufficientModelCodeFixProvider>(body, fixedBody, catalog);

    /// <summary>A code-fix test for <typeparamref name="TCodeFix"/>: <paramref name="body"/> is fixed to <paramref name="fixedBody"/>.</summary>
    public static CodeFixTest<TCodeFix> CodeFix<TCodeFix>(
        string body,
        string fixedBody,
        string? catalog = TestSources.TestCatalog)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CodeFixTest<TCodeFix>
        {
            TestCode = TestSources.Code(body),
            FixedCode = TestSources.Code(fixedBody),
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
        };
        Configure(test.TestState, catalog, null);
        Configure(test.FixedState, catalog, null);
        return test;
    }

    public static void Configure(SolutionState state, string? catalog, string? editorConfig)
    {
        state.AdditionalReferences.Add(TestSources.Abstractions);
        if (catalog != null)
        {
            state.AdditionalFiles.Add((CatalogPath, catalog));
        }

        if (editorConfig != null)
        {
            state.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig + "\n"));
        }
    }
}
