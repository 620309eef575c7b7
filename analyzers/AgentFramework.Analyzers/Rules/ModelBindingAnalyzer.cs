using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using AgentFramework.Catalog;
using AgentFramework.Steps.Resolution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentFramework.Analyzers.Rules;

/// <summary>
/// The model-binding rules: compares the model a step is bound to — <c>[UseModel]</c> on the method or its class,
/// or a model id constant in its body — with what the step declares it needs, using the model catalog.
/// AGF0001 (over-provisioned), AGF0002 (under-provisioned), AGF0003 (unknown model id).
/// </summary>
/// <remarks>
/// Every diagnostic comes from a symbol or operation action, so the IDE shows it while typing. Every callback
/// swallows unexpected exceptions: half-typed code must never produce AD0001.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModelBindingAnalyzer : StepRuleAnalyzer
{
    /// <summary>AGF0001: over-provisioned model.</summary>
    internal static readonly DiagnosticDescriptor OverProvisionedModel = DiagnosticDescriptors.Create(
        RuleIdentifiers.OverProvisionedModel,
        "Model is over-provisioned for the step's declared needs",
        "{0} is bound to '{1}' ({2}/{3} per 1M input/output tokens), {4}x the price of '{5}' ({6}/{7}), the cheapest model that meets its declared needs{8}",
        DiagnosticDescriptors.CostCategory,
        DiagnosticSeverity.Warning,
        "A step bound to a model far more expensive than the cheapest catalog model meeting every declared need pays for capability it says it does not use. Bind the cheaper model, or declare the need that justifies the expensive one. The threshold ratio is the .editorconfig option agentframework.overprovision_ratio (default 4).");

    /// <summary>AGF0002: under-provisioned model.</summary>
    internal static readonly DiagnosticDescriptor UnderProvisionedModel = DiagnosticDescriptors.Create(
        RuleIdentifiers.UnderProvisionedModel,
        "Model does not meet the step's declared needs",
        "{0} is bound to '{1}', which does not meet its declared needs: {2}{3}",
        DiagnosticDescriptors.CostCategory,
        DiagnosticSeverity.Error,
        "The bound model lacks a capability level, an API feature (tool calling, structured output, vision) or the context window the step declares; calls will fail or answer badly.");

    /// <summary>AGF0003: unknown model id.</summary>
    internal static readonly DiagnosticDescriptor UnknownModel = DiagnosticDescriptors.Create(
        RuleIdentifiers.UnknownModel,
        "Model id is not in the model catalog",
        "Model id '{0}' is not in the model catalog; closest catalog ids: {1}. Add it to an agentframework.models.json override if it is a new model.",
        DiagnosticDescriptors.CatalogCategory,
        DiagnosticSeverity.Warning,
        "Neither the analyzer nor the router knows the price or capabilities of a model that is not in the catalog. Fix the typo or describe the model in an agentframework.models.json AdditionalFile.");

    private static readonly ImmutableArray<DiagnosticDescriptor> Supported = ImmutableArray.Create(OverProvisionedModel, UnderProvisionedModel, UnknownModel);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Supported;

    /// <inheritdoc />
    private protected override void OnStepCompilationStart(CompilationStartAnalysisContext context, StepCache steps)
    {
        var state = new CompilationState(steps, CostModel.Create(context.Options, context.CancellationToken));
        context.RegisterSymbolAction(state.AnalyzeMethod, SymbolKind.Method);
        context.RegisterSymbolAction(state.AnalyzeType, SymbolKind.NamedType);
        BodyBinding.Register(context, steps, state.AnalyzeBody);
    }

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

        /// <summary>[UseModel] on the method itself (or its overridden or interface method is judged where written).</summary>
        public void AnalyzeMethod(SymbolAnalysisContext context)
        {
            try
            {
                if (!(context.Symbol is IMethodSymbol method) || method.Locations.Length == 0 || IsPartialImplementation(method) ||
                    !(_steps.DeclaredStep(method, context.CancellationToken) is StepInfo step) || step.MethodBinding == null)
                {
                    return;
                }

                var options = _cost.Options(method.Locations[0].SourceTree);
                CheckBinding(_steps.Generated.OutsideGeneratedFiles(context.ReportDiagnostic, context.CancellationToken), options, "Step '" + step.StepId + "'", step.MethodBinding, step.Needs, Volumes(step));
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                AnalyzerGuard.NoteSwallowed();
            }
        }

        /// <summary>
        /// [UseModel] on a class serves every step of the class that has no binding of its own, so it must meet the
        /// union of their needs.
        /// </summary>
        public void AnalyzeType(SymbolAnalysisContext context)
        {
            try
            {
                if (!(context.Symbol is INamedTypeSymbol type) || !_steps.Filter.MayCarryStepAttribute(type, context.CancellationToken))
                {
                    return;
                }

                ModelBinding? binding = null;
                foreach (var attribute in type.GetAttributes())
                {
                    if (KnownSymbols.Is(attribute.AttributeClass, _steps.Known.UseModel))
                    {
                        var id = AttributeLocations.StringArgument(attribute);
                        var where = AttributeLocations.Argument(attribute, context.CancellationToken, out var literal);
                        if (!string.IsNullOrWhiteSpace(id) && where != null)
                        {
                            binding = new ModelBinding(id!, where, literal);
                        }
                    }
                }

                if (binding == null)
                {
                    return;
                }

                var steps = new List<StepInfo>();
                foreach (var member in type.GetMembers())
                {
                    // Steps declared on an interface method count too: the class's binding serves them unless they bind closer.
                    if (member is IMethodSymbol m && _steps.StepIncludingInherited(m, context.CancellationToken) is StepInfo s &&
                        s.Resolved.BoundModelId != null && s.BindingSite == StepSite.Type)
                    {
                        steps.Add(s);
                    }
                }

                if (steps.Count == 0)
                {
                    return;
                }

                var levels = new Dictionary<Capability, CapabilityLevel>();
                var features = ModelFeatures.None;
                var context0 = 0;
                foreach (var s in steps)
                {
                    foreach (var pair in s.Needs.Levels)
                    {
                        levels[pair.Key] = levels.TryGetValue(pair.Key, out var l) && l > pair.Value ? l : pair.Value;
                    }

                    features |= s.Needs.Features;
                    context0 = Math.Max(context0, s.Needs.MinContextTokens);
                }

                var needs = new ModelNeeds(levels, features, context0);
                var subject = string.Format(
                    CultureInfo.InvariantCulture,
                    "Class '{0}' ({1} step{2})",
                    type.Name,
                    steps.Count,
                    steps.Count == 1 ? string.Empty : "s");
                var options = _cost.Options(binding.Location.SourceTree);
                CheckBinding(_steps.Generated.OutsideGeneratedFiles(context.ReportDiagnostic, context.CancellationToken), options, subject, binding, needs, steps.Select(s => s.Volume).Where(v => v != null).Cast<StepVolume>().ToList());
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                AnalyzerGuard.NoteSwallowed();
            }
        }

        /// <summary>A model id constant in a step's body.</summary>
        public void AnalyzeBody(OperationAnalysisContext context, StepInfo step, ModelBinding binding)
        {
            var options = _cost.Options(binding.Location.SourceTree);
            CheckBinding(_steps.Generated.OutsideGeneratedFiles(context.ReportDiagnostic, context.CancellationToken), options, "Step '" + step.StepId + "'", binding, step.Needs, Volumes(step));
        }

        private static IReadOnlyList<StepVolume> Volumes(StepInfo step) =>
            step.Volume == null ? Array.Empty<StepVolume>() : new[] { step.Volume };

        private static ImmutableDictionary<string, string?> Properties(ModelBinding binding, ModelCard model, ModelCard? cheapest)
        {
            var builder = ImmutableDictionary.CreateBuilder<string, string?>();
            builder[DiagnosticProperties.BoundModelProperty] = binding.ModelId;
            builder[DiagnosticProperties.FixableProperty] = binding.IsStringLiteral ? "true" : "false";
            if (cheapest != null && !string.Equals(cheapest.Id, model.Id, StringComparison.Ordinal))
            {
                builder[DiagnosticProperties.SuggestedModelProperty] = cheapest.Id;
            }

            return builder.ToImmutable();
        }

        private static string FormatRatio(double ratio) =>
            double.IsInfinity(ratio) ? "unboundedly many" : ratio.ToString(ratio < 10 ? "0.#" : "#,##0", CultureInfo.InvariantCulture);

        private void CheckBinding(
            Action<Diagnostic> report,
            CostAnalyzerOptions options,
            string subject,
            ModelBinding binding,
            ModelNeeds needs,
            IReadOnlyList<StepVolume> volumes)
        {
            var model = _cost.Catalog.Find(binding.ModelId);
            if (model == null)
            {
                var closest = _cost.Catalog.ClosestIds(binding.ModelId, 3);
                var unknownProperties = ImmutableDictionary.CreateBuilder<string, string?>();
                unknownProperties[DiagnosticProperties.BoundModelProperty] = binding.ModelId;
                unknownProperties[DiagnosticProperties.FixableProperty] = binding.IsStringLiteral ? "true" : "false";
                unknownProperties[DiagnosticProperties.ClosestModelsProperty] = string.Join(",", closest);
                report(Diagnostic.Create(
                    UnknownModel,
                    binding.Location,
                    unknownProperties.ToImmutable(),
                    binding.ModelId,
                    ModelCatalog.DescribeClosest(closest)));
                return;
            }

            var cheapest = _cost.CheapestSufficient(needs);
            var shortfalls = ModelSelection.Shortfalls(model, needs);
            if (shortfalls.Count > 0)
            {
                var suggestion = cheapest == null
                    ? "; no catalog model meets them"
                    : string.Format(
                        CultureInfo.InvariantCulture,
                        "; the cheapest model that does is '{0}' ({1}/{2} per 1M input/output tokens)",
                        cheapest.Id,
                        options.Money(cheapest.InputPerMillion),
                        options.Money(cheapest.OutputPerMillion));
                report(Diagnostic.Create(
                    UnderProvisionedModel,
                    binding.Location,
                    Properties(binding, model, cheapest),
                    subject,
                    binding.ModelId,
                    string.Join("; ", shortfalls.Select(s => s.Message)),
                    suggestion));
                return;
            }

            if (needs.IsEmpty || cheapest == null || string.Equals(cheapest.Id, model.Id, StringComparison.Ordinal))
            {
                return;
            }

            var ratio = ModelSelection.CostRatio(model, cheapest, needs);
            if (!(ratio >= options.OverProvisionRatio))
            {
                return;
            }

            var monthly = string.Empty;
            var costable = volumes.Where(v => v.IsCostable).ToList();
            if (costable.Count > 0)
            {
                var boundMonthly = Math.Round(costable.Sum(v => v.MonthlyCost(model)), 2);
                var cheapestMonthly = Math.Round(costable.Sum(v => v.MonthlyCost(cheapest)), 2);
                monthly = string.Format(
                    CultureInfo.InvariantCulture,
                    "; at the expected volume that is {0} more per month ({1} instead of {2})",
                    options.Money(boundMonthly - cheapestMonthly),
                    options.Money(boundMonthly),
                    options.Money(cheapestMonthly));
            }

            report(Diagnostic.Create(
                OverProvisionedModel,
                binding.Location,
                Properties(binding, model, cheapest),
                subject,
                binding.ModelId,
                options.Money(model.InputPerMillion),
                options.Money(model.OutputPerMillion),
                FormatRatio(ratio),
                cheapest.Id,
                options.Money(cheapest.InputPerMillion),
                options.Money(cheapest.OutputPerMillion),
                monthly));
        }
    }
}
