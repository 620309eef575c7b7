using AgentFramework.Analyzers.Rules;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AgentFramework.Analyzers.Tests.Infrastructure;

/// <summary>A code-fix test for <typeparamref name="TCodeFix"/> with every rule family running, as a build does.</summary>
/// <remarks>The analyzer type argument only satisfies the base class; <see cref="GetDiagnosticAnalyzers"/> supplies all of them.</remarks>
internal sealed class CodeFixTest<TCodeFix> : CSharpCodeFixTest<ModelBindingAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => AllAnalyzers.Create();
}
