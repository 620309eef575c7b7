using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using AgentFramework.Catalog;
using AgentFramework.Steps.Resolution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AgentFramework.Analyzers;

/// <summary>
/// Compares what each agent step declares it needs with the model it is bound to, using the
/// model catalog, and reports over- and under-provisioned models, unknown ids, missing
/// declarations, budgets the declared volume breaks, unsafe cache settings and invalid declarations (AGF0001–AGF0008).
/// </summary>
/// <remarks>
/// Every diagnostic comes from a symbol, operation or additional-file action, so the IDE shows it
/// while typing (compilation-end diagnostics are build-only). Every callback swallows unexpected
/// exceptions: half-typed code must never produce AD0001.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AgentStepAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the model id the binding names.</summary>
    public const string BoundModelProperty = "BoundModelId";

    /// <summary>Diagnostic property: the cheapest catalog model meeting the needs (the code fix's replacement).</summary>
    public const string SuggestedModelProperty = "SuggestedModelId";

    /// <summary>Diagnostic property (AGF0003): the closest catalog ids, comma-separated, closest first.</summary>
    public const string ClosestModelsProperty = "ClosestModelIds";

    /// <summary>Diagnostic property, "true" when the diagnostic's location is a string literal the code fix can rewrite.</summary>
    public const string FixableProperty = "IsStringLiteral";

    private static readonly string[] IdentityStems =
    {
        "user", "tenant", "customer", "account", "org", "organization", "organisation", "member", "owner",
        "principal", "subscriber", "client", "employee", "patient", "person", "workspace", "company",
    };

    private static readonly string[] IdentitySuffixes = { "id", "key", "name", "email", "guid", "no", "number" };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterAdditionalFileAction(AnalyzeOverrideFile);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static int _swallowedExceptions;

    /// <summary>
    /// How many unexpected exceptions the analyzer has swallowed in this process. Tests feed it broken
    /// code and assert this stays put, so "never throws" cannot hide a crash.
    /// </summary>
    internal static int SwallowedExceptions => Volatile.Read(ref _swallowedExceptions);

    /// <summary>True when a parameter name reads as a user, tenant or customer identity.</summary>
    internal static bool LooksLikeIdentity(string name)
    {
        var normalized = new string(name.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
        if (normalized == "email" || normalized == "upn" || normalized == "userprincipalname")
        {
            return true;
        }

        foreach (var stem in IdentityStems)
        {
            if (normalized == stem)
            {
                return true;
            }

            foreach (var suffix in IdentitySuffixes)
            {
                if (normalized == stem + suffix)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        try
        {
            var known = KnownSymbols.Create(context.Compilation);
            if (!known.CanContainSteps)
            {
                return;
            }

            var catalog = CatalogCache.For(context.Options.AdditionalFiles, context.CancellationToken).Catalog;
            var resolver = new StepResolver(known);
            var state = new CompilationState(resolver, catalog);
            context.RegisterSymbolAction(state.AnalyzeMethod, SymbolKind.Method);
            context.RegisterSymbolAction(state.AnalyzeType, SymbolKind.NamedType);
            context.RegisterOperationAction(state.AnalyzeAssignment, OperationKind.SimpleAssignment);
            context.RegisterOperationAction(state.AnalyzeInvocation, OperationKind.Invocation);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException))
        {
            // Never take the build down: with no state the analyzer simply reports nothing.
            NoteSwallowed();
        }
    }

    private static void AnalyzeOverrideFile(AdditionalFileAnalysisContext context)
    {
        try
        {
            var file = context.AdditionalFile;
            if (!CatalogCache.IsOverrideFile(file.Path))
            {
                return;
            }

            var text = file.GetText(context.CancellationToken);
            if (text == null)
            {
                return;
            }

            var snapshot = CatalogCache.Get(text.ToString());
            if (snapshot.OverrideError == null)
            {
                return;
            }

            var span = CatalogCache.ErrorSpan(snapshot, text);
            var location = Location.Create(file.Path, span, text.Lines.GetLinePositionSpan(span));
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.InvalidCatalogOverride,
                location,
                CatalogCache.OverrideFileName,
                snapshot.OverrideError));
        }
        catch (Exception ex) when (!(ex is OperationCanceledException))
        {
            NoteSwallowed();
        }
    }

    private static void NoteSwallowed() => Interlocked.Increment(ref _swallowedExceptions);

    /// <summary>Per-compilation state shared by the actions (thread-safe: the resolver caches concurrently).</summary>
    private sealed class CompilationState
    {
        private readonly StepResolver _resolver;
        private readonly ModelCatalog _catalog;

        // Thousands of steps share a handful of distinct needs: select once per distinct needs.
        private readonly ConcurrentDictionary<string, ModelCard?> _cheapest = new ConcurrentDictionary<string, ModelCard?>(StringComparer.Ordinal);

        // Invalid declarations already reported (location and message): class and assembly attributes serve many steps.
        private readonly ConcurrentDictionary<string, byte> _reportedInvalid = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);

        public CompilationState(StepResolver resolver, ModelCatalog catalog)
        {
            _resolver = resolver;
            _catalog = catalog;
        }

        public void AnalyzeMethod(SymbolAnalysisContext context)
        {
            try
            {
                if (!(context.Symbol is IMethodSymbol method) || method.Locations.Length == 0)
                {
                    return;
                }

                var step = _resolver.Resolve(method, context.CancellationToken);
                if (step == null)
                {
                    return;
                }

                var location = method.Locations[0];
                ReportInvalidDeclarations(context, step, location);
                var options = CostAnalyzerOptions.For(context.Options, location.SourceTree);

                // Reported where the step is declared: a class method that only refines an interface step is not a second step.
                if (step.Needs.IsEmpty && step.Resolved.DeclaresStep)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.StepWithoutNeeds, location, step.StepId));
                }

                if (step.MethodBinding != null)
                {
                    CheckBinding(context.ReportDiagnostic, options, "Step '" + step.StepId + "'", step.MethodBinding, step.Needs, Volumes(step));
                }

                CheckBudget(context.ReportDiagnostic, options, step, location);
                CheckCache(context.ReportDiagnostic, step, location);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                NoteSwallowed();
            }
        }

        public void AnalyzeType(SymbolAnalysisContext context)
        {
            try
            {
                if (!(context.Symbol is INamedTypeSymbol type))
                {
                    return;
                }

                ModelBinding? binding = null;
                foreach (var attribute in type.GetAttributes())
                {
                    if (KnownSymbols.Is(attribute.AttributeClass, _resolver.Known.UseModel))
                    {
                        var id = StepResolver.StringArgument(attribute);
                        var where = StepResolver.ArgumentLocation(attribute, context.CancellationToken, out var literal);
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

                // A class-level binding serves every step of the class that has no binding of its own,
                // so it must meet the union of their needs.
                var steps = new List<StepInfo>();
                foreach (var member in type.GetMembers())
                {
                    // Steps declared on an interface method count too: the class's binding serves them unless they bind closer.
                    if (member is IMethodSymbol m && _resolver.ResolveIncludingInherited(m, context.CancellationToken) is StepInfo s &&
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
                var options = CostAnalyzerOptions.For(context.Options, binding.Location.SourceTree);
                CheckBinding(context.ReportDiagnostic, options, subject, binding, needs, steps.Select(s => s.Volume).Where(v => v != null).Cast<StepVolume>().ToList());
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                NoteSwallowed();
            }
        }

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            try
            {
                if (!(context.Operation is ISimpleAssignmentOperation assignment) ||
                    !(assignment.Target is IPropertyReferenceOperation property) ||
                    property.Property.Name != "ModelId")
                {
                    return;
                }

                var known = _resolver.Known;
                var owner = property.Property.ContainingType;
                var receiver = property.Instance?.Type;
                var isSettings =
                    KnownSymbols.InheritsFrom(owner, known.ChatOptions) || KnownSymbols.InheritsFrom(owner, known.PromptExecutionSettings) ||
                    KnownSymbols.InheritsFrom(receiver, known.ChatOptions) || KnownSymbols.InheritsFrom(receiver, known.PromptExecutionSettings);
                if (isSettings)
                {
                    CheckBodyBinding(context, assignment.Value);
                }
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                NoteSwallowed();
            }
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            try
            {
                if (!(context.Operation is IInvocationOperation invocation) || invocation.TargetMethod.Name != "GetChatClient")
                {
                    return;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter != null && argument.Parameter.Ordinal == 0 &&
                        argument.Parameter.Type.SpecialType == SpecialType.System_String)
                    {
                        CheckBodyBinding(context, argument.Value);
                    }
                }
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                NoteSwallowed();
            }
        }

        private void CheckBodyBinding(OperationAnalysisContext context, IOperation value)
        {
            if (!value.ConstantValue.HasValue || !(value.ConstantValue.Value is string id) || string.IsNullOrWhiteSpace(id))
            {
                return;
            }

            // Lambdas and local functions inside a step belong to the step.
            var symbol = context.ContainingSymbol;
            while (symbol is IMethodSymbol inner && (inner.MethodKind == MethodKind.LambdaMethod || inner.MethodKind == MethodKind.LocalFunction))
            {
                symbol = inner.ContainingSymbol;
            }

            if (!(symbol is IMethodSymbol method) || !(_resolver.ResolveIncludingInherited(method, context.CancellationToken) is StepInfo step))
            {
                return;
            }

            var syntax = value.Syntax;
            var binding = new ModelBinding(id, syntax.GetLocation(), syntax.IsKind(SyntaxKind.StringLiteralExpression));
            var options = CostAnalyzerOptions.For(context.Options, syntax.SyntaxTree);
            CheckBinding(context.ReportDiagnostic, options, "Step '" + step.StepId + "'", binding, step.Needs, Volumes(step));

            // The symbol action judged the budget against [UseModel] or, for a step without one, the
            // cheapest sufficient model; a model chosen in the body can break a budget that one keeps.
            if (step.Binding == null && _catalog.Find(id) is ModelCard model)
            {
                var cheapest = CheapestSufficient(step.Needs);
                if (cheapest == null || !IsOverBudget(step, cheapest))
                {
                    CheckBudget(context.ReportDiagnostic, options, step, binding.Location, model, binding.Location);
                }
            }
        }

        private static bool IsOverBudget(StepInfo step, ModelCard model) =>
            step.BudgetUsdPerMonth > 0 && step.Volume != null && step.Volume.IsCostable &&
            step.Volume.MonthlyCost(model) > step.BudgetUsdPerMonth!.Value;

        private ModelCard? CheapestSufficient(ModelNeeds needs)
        {
            var key = needs.ToString() + "|" + needs.TypicalInputTokens.ToString(CultureInfo.InvariantCulture) + "|" + needs.TypicalOutputTokens.ToString(CultureInfo.InvariantCulture);
            return _cheapest.GetOrAdd(key, _ => ModelSelection.CheapestSufficient(_catalog.Models, needs));
        }

        private static IReadOnlyList<StepVolume> Volumes(StepInfo step) =>
            step.Volume == null ? Array.Empty<StepVolume>() : new[] { step.Volume };

        private void CheckBinding(
            Action<Diagnostic> report,
            CostAnalyzerOptions options,
            string subject,
            ModelBinding binding,
            ModelNeeds needs,
            IReadOnlyList<StepVolume> volumes)
        {
            var model = _catalog.Find(binding.ModelId);
            if (model == null)
            {
                var closest = _catalog.ClosestIds(binding.ModelId, 3);
                var unknownProperties = ImmutableDictionary.CreateBuilder<string, string?>();
                unknownProperties[BoundModelProperty] = binding.ModelId;
                unknownProperties[FixableProperty] = binding.IsStringLiteral ? "true" : "false";
                unknownProperties[ClosestModelsProperty] = string.Join(",", closest);
                report(Diagnostic.Create(
                    DiagnosticDescriptors.UnknownModel,
                    binding.Location,
                    unknownProperties.ToImmutable(),
                    binding.ModelId,
                    closest.Count == 0 ? "(none)" : string.Join(", ", closest)));
                return;
            }

            var cheapest = CheapestSufficient(needs);
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
                    DiagnosticDescriptors.UnderProvisionedModel,
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
                DiagnosticDescriptors.OverProvisionedModel,
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
            var model = bodyModel ?? (bound != null ? _catalog.Find(bound.ModelId) : CheapestSufficient(step.Needs));
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
                DiagnosticDescriptors.OverBudget,
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

        private void CheckCache(Action<Diagnostic> report, StepInfo step, Location stepLocation)
        {
            if (step.IsCached && step.HasSideEffects)
            {
                report(Diagnostic.Create(
                    DiagnosticDescriptors.UnsafeCache,
                    step.SemanticCacheLocation ?? stepLocation,
                    step.StepId,
                    "it is marked [HasSideEffects] and [SemanticCache]; a cached answer would skip the side effect, so remove [SemanticCache] (or use [NoCache])"));
                return;
            }

            // The runtime cache fronts every step without [NoCache]/[HasSideEffects], so identity parameters matter
            // on those steps whether or not they carry [SemanticCache].
            if (!step.IsCacheable)
            {
                return;
            }

            var known = _resolver.Known;
            foreach (var parameter in step.Method.Parameters)
            {
                if (!LooksLikeIdentity(parameter.Name) || parameter.Locations.Length == 0)
                {
                    continue;
                }

                // Marked here, or on the interface or overridden method's parameter (the resolver merged those).
                var scoped = parameter.GetAttributes().Any(a =>
                    KnownSymbols.Is(a.AttributeClass, known.CacheScope) || KnownSymbols.Is(a.AttributeClass, known.CacheKey)) ||
                    step.Resolved.ScopeParameters.Any(p => p.Position == parameter.Ordinal);
                if (!scoped)
                {
                    report(Diagnostic.Create(
                        DiagnosticDescriptors.UnsafeCache,
                        parameter.Locations[0],
                        step.StepId,
                        "parameter '" + parameter.Name + "' looks like a user or tenant identifier but is not part of the cache scope; mark it [CacheScope] (or [CacheKey]) so one user's cached answer is never served to another"));
                }
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
                    location = StepResolver.AttributeLocation(attribute, context.CancellationToken);
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
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidStepDeclaration, location, error.Message));
                }
            }
        }

        private static ImmutableDictionary<string, string?> Properties(ModelBinding binding, ModelCard model, ModelCard? cheapest)
        {
            var builder = ImmutableDictionary.CreateBuilder<string, string?>();
            builder[BoundModelProperty] = binding.ModelId;
            builder[FixableProperty] = binding.IsStringLiteral ? "true" : "false";
            if (cheapest != null && !string.Equals(cheapest.Id, model.Id, StringComparison.Ordinal))
            {
                builder[SuggestedModelProperty] = cheapest.Id;
            }

            return builder.ToImmutable();
        }

        private static string FormatRatio(double ratio) =>
            double.IsInfinity(ratio) ? "unboundedly many" : ratio.ToString(ratio < 10 ? "0.#" : "#,##0", CultureInfo.InvariantCulture);
    }
}
