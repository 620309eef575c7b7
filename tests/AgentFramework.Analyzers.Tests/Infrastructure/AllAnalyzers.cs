using System.Collections.Immutable;
using System.Reflection;
using AgentFramework.Analyzers.Rules;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentFramework.Analyzers.Tests.Infrastructure;

/// <summary>
/// Every analyzer of the AgentFramework.Analyzers assembly (each rule family), found the way the compiler finds
/// them — by their <see cref="DiagnosticAnalyzerAttribute"/> — so tests run the set that ships, not a hand-kept list.
/// </summary>
internal static class AllAnalyzers
{
    public static ImmutableArray<Type> Types { get; } =
    [
        .. typeof(ModelBindingAnalyzer).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() != null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal),
    ];

    /// <summary>New instances of every analyzer.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Create() => [.. Types.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)];
}
