using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using AgentFramework.Steps.Resolution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentFramework.Analyzers.Rules;

/// <summary>
/// The declaration rules: a step that declares no needs (AGF0004) and every invalid or conflicting declaration
/// the shared resolver finds (AGF0008, the same text the runtime refuses the step with at startup).
/// </summary>
/// <remarks>Every callback swallows unexpected exceptions: half-typed code must never produce AD0001.</remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StepDeclarationAnalyzer : StepRuleAnalyzer
{
    /// <summary>AGF0004: step without declared needs.</summary>
    internal static readonly DiagnosticDescriptor StepWithoutNeeds = DiagnosticDescriptors.Create(
        RuleIdentifiers.StepWithoutNeeds,
        "Agent step declares no needs",
        "Step '{0}' declares no needs: add [Requires], [RequiresFeatures] or [MinContextWindow] so the analyzer and the router can right-size its model",
        DiagnosticDescriptors.DesignCategory,
        DiagnosticSeverity.Info,
        "Without declared needs every model qualifies: the router cannot pick a cheap one safely and the analyzer cannot tell whether a bound model is over- or under-provisioned.");

    /// <summary>AGF0008: invalid step declaration.</summary>
    internal static readonly DiagnosticDescriptor InvalidStepDeclaration = DiagnosticDescriptors.Create(
        RuleIdentifiers.InvalidStepDeclaration,
        "Step declaration is invalid",
        "Invalid step declaration: {0}",
        DiagnosticDescriptors.DesignCategory,
        DiagnosticSeverity.Error,
        "An AgentFramework attribute has a value the runtime cannot use (an undefined enum value, a non-positive budget or context window, a negative or non-finite volume, a threshold outside [0, 1], an empty step id, model id or cache-key name), two declarations conflict, or the step's cache scope cannot be formed. The runtime refuses such a step when its agent is resolved, with the same message.");

    private static readonly ImmutableArray<DiagnosticDescriptor> Supported = ImmutableArray.Create(StepWithoutNeeds, InvalidStepDeclaration);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Supported;

    /// <inheritdoc />
    private protected override void OnStepCompilationStart(CompilationStartAnalysisContext context, StepCache steps)
    {
        var state = new CompilationState(steps);
        context.RegisterSymbolAction(state.AnalyzeMethod, SymbolKind.Method);
    }

    /// <summary>Per-compilation state shared by the actions (thread-safe).</summary>
    private sealed class CompilationState
    {
        private readonly StepCache _steps;

        // Invalid declarations already reported (location and message): class and assembly attributes serve many steps.
        private readonly ConcurrentDictionary<string, byte> _reportedInvalid = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);

        public CompilationState(StepCache steps)
        {
            _steps = steps;
        }

        public void AnalyzeMethod(SymbolAnalysisContext context)
        {
            try
            {
                if (!(context.Symbol is IMethodSymbol method) || method.Locations.Length == 0 || IsPartialImplementation(method) ||
                    !(_steps.DeclaredStep(method, context.CancellationToken) is StepInfo step))
                {
                    return;
                }

                var location = method.Locations[0];
                ReportInvalidDeclarations(context, step, location);

                // Reported where the step is declared: a class method that only refines an interface step is not a second step.
                if (step.Needs.IsEmpty && step.Resolved.DeclaresStep)
                {
                    Report(context, Diagnostic.Create(StepWithoutNeeds, location, step.StepId));
                }
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                AnalyzerGuard.NoteSwallowed();
            }
        }

        /// <summary>Reports <paramref name="diagnostic"/> unless it lands in a generated file.</summary>
        private void Report(SymbolAnalysisContext context, Diagnostic diagnostic)
        {
            if (!_steps.Generated.Contains(diagnostic.Location, context.CancellationToken))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        /// <summary>
        /// AGF0008 for every invalid declaration the shared resolver found, at the attribute when it is in this
        /// compilation's source (else at the parameter or method). A class- or assembly-level attribute serves many
        /// steps: its message names the declaration, not the step, so each is reported once.
        /// </summary>
        private void ReportInvalidDeclarations(SymbolAnalysisContext context, StepInfo step, Location methodLocation)
        {
            foreach (var error in step.Resolved.Errors)
            {
                Location? location = null;
                if (error.Attribute?.Origin is AttributeData attribute)
                {
                    location = AttributeLocations.Attribute(attribute, context.CancellationToken);
                }

                if (location == null && error.ParameterPosition is int position && error.Site == StepSite.Method &&
                    position < step.Method.Parameters.Length && step.Method.Parameters[position].Locations.Length > 0)
                {
                    location = step.Method.Parameters[position].Locations[0];
                }

                if (location == null || location.SourceTree == null || !context.Compilation.ContainsSyntaxTree(location.SourceTree))
                {
                    location = methodLocation;
                }

                var key = location.SourceTree?.FilePath + "|" + location.SourceSpan.Start.ToString(CultureInfo.InvariantCulture) + "|" + error.Message;
                if (_reportedInvalid.TryAdd(key, 0))
                {
                    Report(context, Diagnostic.Create(InvalidStepDeclaration, location, error.Message));
                }
            }
        }
    }
}
