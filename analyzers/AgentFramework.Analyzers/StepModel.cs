using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using AgentFramework.Catalog;
using AgentFramework.Steps.Resolution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentFramework.Analyzers;

/// <summary>A model id a step is bound to, and where it is written.</summary>
internal sealed class ModelBinding
{
    public ModelBinding(string modelId, Location location, bool isStringLiteral)
    {
        ModelId = modelId;
        Location = location;
        IsStringLiteral = isStringLiteral;
    }

    public string ModelId { get; }

    public Location Location { get; }

    /// <summary>True when <see cref="Location"/> is a string literal the code fix can rewrite.</summary>
    public bool IsStringLiteral { get; }
}

/// <summary>The declared traffic of a step.</summary>
internal sealed class StepVolume
{
    public StepVolume(double callsPerDay, int inputTokens, int outputTokens)
    {
        CallsPerDay = callsPerDay;
        InputTokens = inputTokens;
        OutputTokens = outputTokens;
    }

    public double CallsPerDay { get; }

    public int InputTokens { get; }

    public int OutputTokens { get; }

    /// <summary>True when a monthly cost can be computed.</summary>
    public bool IsCostable => CallsPerDay > 0 && (InputTokens > 0 || OutputTokens > 0);

    public double MonthlyCost(ModelCard model) => ModelSelection.MonthlyCost(model, CallsPerDay, InputTokens, OutputTokens);
}

/// <summary>A step as the analyzer sees it: the shared resolution plus the locations diagnostics point at.</summary>
internal sealed class StepInfo
{
    public StepInfo(IMethodSymbol method, ResolvedStep resolved)
    {
        Method = method;
        Resolved = resolved;
    }

    public IMethodSymbol Method { get; }

    /// <summary>What the shared resolver made of the declarations (the runtime gets the same from reflection).</summary>
    public ResolvedStep Resolved { get; }

    /// <summary><c>{Type}.{Method}</c> without an <c>Async</c> suffix, or <c>[AgentStep(Name)]</c>.</summary>
    public string StepId => Resolved.StepId;

    public ModelNeeds Needs => Resolved.Needs;

    /// <summary>The binding that applies (method, overridden method, interface method or class), or <c>null</c>.</summary>
    public ModelBinding? Binding { get; set; }

    /// <summary>Where <see cref="Binding"/> is written.</summary>
    public StepSite BindingSite => Resolved.BindingSite;

    /// <summary>[UseModel] written on the method itself: checked when the method is analyzed.</summary>
    public ModelBinding? MethodBinding => Binding != null && BindingSite == StepSite.Method ? Binding : null;

    /// <summary>[UseModel] from the class chain: checked once per class, against all the steps it serves.</summary>
    public ModelBinding? ClassBinding => Binding != null && BindingSite == StepSite.Type ? Binding : null;

    public StepVolume? Volume { get; set; }

    public double? BudgetUsdPerMonth => Resolved.BudgetUsdPerMonth;

    /// <summary>Where [Budget] is written when it is written on the method itself.</summary>
    public Location? BudgetLocation { get; set; }

    /// <summary>True when [SemanticCache] applies and no [NoCache] turns it off.</summary>
    public bool IsCached => Resolved.IsCached;

    /// <summary>
    /// True when the runtime cache would front the step: no [NoCache] and no [HasSideEffects].
    /// The runtime caches such steps by default, with or without [SemanticCache].
    /// </summary>
    public bool IsCacheable => Resolved.IsCacheable;

    /// <summary>Where [SemanticCache] is written on the method, when it is.</summary>
    public Location? SemanticCacheLocation { get; set; }

    public bool HasSideEffects => Resolved.HasSideEffects;
}

/// <summary>
/// Resolves steps from symbols through the shared resolver. One instance per compilation; results are cached
/// per method because several actions ask for the same step.
/// </summary>
internal sealed class StepResolver
{
    private readonly KnownSymbols _known;
    private readonly StepSymbolAdapter _adapter;
    private readonly ConcurrentDictionary<IMethodSymbol, StepInfo?> _steps = new ConcurrentDictionary<IMethodSymbol, StepInfo?>(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, StepInfo?> _inherited = new ConcurrentDictionary<IMethodSymbol, StepInfo?>(SymbolEqualityComparer.Default);

    public StepResolver(KnownSymbols known)
    {
        _known = known;
        _adapter = new StepSymbolAdapter(known);
    }

    public KnownSymbols Known => _known;

    public StepSymbolAdapter Adapter => _adapter;

    /// <summary>
    /// The step <paramref name="method"/> declares, or <c>null</c> when it is not a step. Only methods that carry
    /// [AgentStep], [KernelFunction] or another of our attributes themselves are resolved (the cheap path every
    /// method of the compilation takes); use <see cref="ResolveIncludingInherited"/> where a method without
    /// attributes may still be a step through its interface or base method.
    /// </summary>
    public StepInfo? Resolve(IMethodSymbol method, CancellationToken cancellationToken) =>
        _steps.GetOrAdd(method, m => CarriesOurAttributes(m) ? Build(m, cancellationToken) : null);

    /// <summary>Like <see cref="Resolve"/>, but also for methods that are steps only through an interface or base method.</summary>
    public StepInfo? ResolveIncludingInherited(IMethodSymbol method, CancellationToken cancellationToken) =>
        CarriesOurAttributes(method) ? Resolve(method, cancellationToken) : _inherited.GetOrAdd(method, m => Build(m, cancellationToken));

    /// <summary>The location of a single-argument attribute's first argument (or the attribute).</summary>
    public static Location? ArgumentLocation(AttributeData attribute, CancellationToken cancellationToken, out bool isStringLiteral)
    {
        isStringLiteral = false;
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
        if (syntax is AttributeSyntax attributeSyntax)
        {
            var args = attributeSyntax.ArgumentList?.Arguments;
            if (args.HasValue && args.Value.Count > 0)
            {
                var expression = args.Value[0].Expression;
                isStringLiteral = expression.IsKind(SyntaxKind.StringLiteralExpression);
                return expression.GetLocation();
            }
        }

        return syntax?.GetLocation();
    }

    /// <summary>The location of an attribute application, or <c>null</c> when it is not in source.</summary>
    public static Location? AttributeLocation(AttributeData attribute, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation();

    public static string? StringArgument(AttributeData attribute) =>
        attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Primitive
            ? attribute.ConstructorArguments[0].Value as string
            : null;

    private bool CarriesOurAttributes(IMethodSymbol method)
    {
        foreach (var a in method.GetAttributes())
        {
            if (_adapter.TryGetKind(a.AttributeClass, out var kind) && kind != StepAttributeKind.CacheKey && kind != StepAttributeKind.CacheScope)
            {
                return true;
            }
        }

        return false;
    }

    private StepInfo? Build(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if ((method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.ExplicitInterfaceImplementation) || method.ContainingType == null)
        {
            return null;
        }

        var resolved = _adapter.Resolve(method);
        if (!resolved.IsStep)
        {
            return null;
        }

        var info = new StepInfo(method, resolved);
        if (resolved.Binding?.Origin is AttributeData binding)
        {
            var location = ArgumentLocation(binding, cancellationToken, out var literal) ?? method.Locations.FirstOrDefault();
            if (location != null)
            {
                info.Binding = new ModelBinding(resolved.BoundModelId!, location, literal);
            }
        }

        if (resolved.HasVolume)
        {
            info.Volume = new StepVolume(resolved.CallsPerDay, resolved.InputTokens, resolved.OutputTokens);
        }

        if (resolved.BudgetSite == StepSite.Method && resolved.BudgetAttribute?.Origin is AttributeData budget)
        {
            info.BudgetLocation = AttributeLocation(budget, cancellationToken);
        }

        if (resolved.SemanticCacheSite == StepSite.Method && resolved.SemanticCache?.Origin is AttributeData cache)
        {
            info.SemanticCacheLocation = AttributeLocation(cache, cancellationToken);
        }

        return info;
    }
}
