using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentFramework.Analyzers;

/// <summary>
/// The start every step rule family shares: concurrent, no generated code (no analysis there, and diagnostics that
/// land in a generated file dropped by <see cref="GeneratedFiles"/>), and per compilation one
/// <see cref="StepCache"/> handed to the family only when the compilation can contain steps at all.
/// </summary>
public abstract class StepRuleAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated code is not analyzed; diagnostics are filtered by StepCache.Generated instead of the driver, whose
        // check walks every token of a tree the first time a diagnostic lands in it (see GeneratedFiles).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    /// <summary>
    /// Whether <paramref name="method"/> is the implementation part of a partial method: Roslyn runs symbol actions for
    /// both parts, and the step is reported once, on its definition (where the attributes are merged from both).
    /// </summary>
    /// <param name="method">The method a symbol action received.</param>
    /// <returns><c>true</c> for the implementation part of a partial method.</returns>
    private protected static bool IsPartialImplementation(Microsoft.CodeAnalysis.IMethodSymbol method) => method.PartialDefinitionPart != null;

    /// <summary>Registers the family's actions for a compilation that references the step attributes.</summary>
    /// <param name="context">The compilation's start context.</param>
    /// <param name="steps">The compilation's step cache, shared by every family.</param>
    private protected abstract void OnStepCompilationStart(CompilationStartAnalysisContext context, StepCache steps);

    private void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        try
        {
            var steps = StepCache.For(context.Compilation);
            if (!steps.Known.CanContainSteps)
            {
                return;
            }

            OnStepCompilationStart(context, steps);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException))
        {
            // Never take the build down: with no state the family simply reports nothing.
            AnalyzerGuard.NoteSwallowed();
        }
    }
}
