using AgentFramework.Catalog;
using AgentFramework.Steps.Resolution;
using Microsoft.CodeAnalysis;

namespace AgentFramework.Analyzers;

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
