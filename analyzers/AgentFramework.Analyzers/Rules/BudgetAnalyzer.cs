using System;
using System.Collections.Immutable;
using System.Globalization;
using AgentFramework.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentFramework.Analyzers.Rules;

/// <summary>
/// The budget rule: a step's declared <c>[ExpectedVolume]</c> times the price of the model it runs on — the bound
/// model, or for an unbound step the cheapest model meeting its needs, or a model chosen in its body — must stay
/// within its <c>[Budget]</c>. AGF0005.
/// </summary>
/// <remarks>Every callback swallows unexpected exceptions: half-typed code must never produce AD0001.</remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BudgetAnalyzer : StepRuleAnalyzer
{
    /// <summary>AGF0005: over budget.</summary>
    internal static readonly DiagnosticDescriptor OverBudget = DiagnosticDescriptors.Create(
        RuleIdentifiers.OverBudget,
        "Expected cost exceeds the step's budget",
        "Step '{0}' is expected to cost {1} per month on '{2}' ({3} calls/day, {4} input + {5} output tokens per call), over its budget of {6}{7}",
        DiagnosticDescriptors.CostCategory,
        DiagnosticSeverity.Warning,
        "[ExpectedVolume] times the price of the bound model (or, for an unbound step, of the cheapest sufficient model) exceeds [Budget]; at run time the budget policy would refuse or downgrade calls.");

    private static readonly ImmutableArray<DiagnosticDescriptor> Supported = ImmutableArray.Create(OverBudget);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Supported;

    /// <inheritdoc />
    private protected override void OnStepCompilationStart(CompilationStartAnalysisContext context, StepCache steps)
    {
        var state = new CompilationState(steps, CostModel.Create(context.Options, context.CancellationToken));
        context.RegisterSymbolAction(state.AnalyzeMethod, SymbolKind.Method);
        BodyBinding.Register(context, steps, state.AnalyzeBody);
    }

    /// <summary>True when the step declares a budget and a volume that can be priced.</summary>
    private static bool HasCostableBudget(StepInfo step) =>
        step.BudgetUsdPerMonth > 0 && step.Volume != null && step.Volume.IsCostable;

    /// <summary>Per-compilation state shared by the actions (thread-safe).</summary>
    private sealed class CompilationState
    {
        private readonly StepCache _steps;
        private readonly CostModel _cost;

        public CompilationState(StepCache steps, CostModel cost)
        {
            _steps = steps;
            _cost = cost;
        }

        /// <summary>The budget against the bound model, or the cheapest sufficient one for an unbound step.</summary>
        public void AnalyzeMethod(SymbolAnalysisContext context)
        {
            try
            {
                if (!(context.Symbol is IMethodSymbol method) || method.Locations.Length == 0 || IsPartialImplementation(method) ||
                    !(_steps.DeclaredStep(method, context.CancellationToken) is StepInfo step) || !HasCostableBudget(step))
                {
                    return;
                }

                var location = method.Locations[0];
                CheckBudget(_steps.Generated.OutsideGeneratedFiles(context.ReportDiagnostic, context.CancellationToken), _cost.Options(location.SourceTree), step, location);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                AnalyzerGuard.NoteSwallowed();
            }
        }

        /// <summary>
        /// The method action judged the budget against [UseModel] or, for a step without one, the cheapest sufficient
        /// model; a model chosen in the body can break a budget that one keeps.
        /// </summary>
        public void AnalyzeBody(OperationAnalysisContext context, StepInfo step, ModelBinding binding)
        {
            if (step.Binding != null || !HasCostableBudget(step) || !(_cost.Catalog.Find(binding.ModelId) is ModelCard model))
            {
                return;
            }

            var cheapest = _cost.CheapestSufficient(step.Needs);
            if (cheapest == null || !IsOverBudget(step, cheapest))
            {
                CheckBudget(_steps.Generated.OutsideGeneratedFiles(context.ReportDiagnostic, context.CancellationToken), _cost.Options(binding.Location.SourceTree), step, binding.Location, model, binding.Location);
            }
        }

        private static bool IsOverBudget(StepInfo step, ModelCard model) =>
            HasCostableBudget(step) && step.Volume!.MonthlyCost(model) > step.BudgetUsdPerMonth!.Value;

        private void CheckBudget(
            Action<Diagnostic> report,
            CostAnalyzerOptions options,
            StepInfo step,
            Location stepLocation,
            ModelCard? bodyModel = null,
            Location? bodyLocation = null)
        {
            var budget = step.BudgetUsdPerMonth;
            var volume = step.Volume;
            if (!(budget > 0) || volume == null || !volume.IsCostable)
            {
                return;
            }

            var bound = step.Binding;
            var model = bodyModel ?? (bound != null ? _cost.Catalog.Find(bound.ModelId) : _cost.CheapestSufficient(step.Needs));
            if (model == null)
            {
                return;
            }

            var cost = volume.MonthlyCost(model);
            if (!(cost > budget!.Value))
            {
                return;
            }

            report(Diagnostic.Create(
                OverBudget,
                bodyLocation ?? step.BudgetLocation ?? stepLocation,
                step.StepId,
                options.Money(Math.Round(cost, 2)),
                model.Id,
                volume.CallsPerDay.ToString("#,##0.##", CultureInfo.InvariantCulture),
                volume.InputTokens.ToString("#,##0", CultureInfo.InvariantCulture),
                volume.OutputTokens.ToString("#,##0", CultureInfo.InvariantCulture),
                options.Money(budget.Value),
                bound == null && bodyModel == null ? " (this is the cheapest model that meets its declared needs)" : string.Empty));
        }
    }
}
