using AgentFramework.Analyzers.Rules;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AgentFramework.Analyzers.Tests.Infrastructure;

/// <summary>An analyzer test that runs every rule family together, as a build does.</summary>
/// <remarks>The type argument only satisfies the base class; <see cref="GetDiagnosticAnalyzers"/> supplies all of them.</remarks>
internal sealed class AnalyzerTest : CSharpAnalyzerTest<ModelBindingAnalyzer, DefaultVerifier>
{
    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => AllAnalyzers.Create();
}
