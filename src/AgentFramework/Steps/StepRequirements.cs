using System.Collections.Concurrent;
using System.Reflection;
using AgentFramework.Catalog;
using AgentFramework.Steps.Resolution;

namespace AgentFramework.Steps;

/// <summary>
/// Everything a step declares, resolved from its attributes by the resolver the analyzer shares
/// (<c>src/Shared/Steps</c>). Built once per method and cached.
/// </summary>
/// <remarks>
/// <para>Where attributes may be written, highest precedence first: the step method (and the methods it
/// overrides), the interface method it implements, its class (and base classes), the assembly. So
/// <c>[AgentStep, Requires(...), UseModel(...)]</c> on an interface method applies to the class that implements
/// it, and the class's method can refine any of it. <c>[Requires]</c> merges per capability (the higher
/// layer's level wins), <c>[RequiresFeatures]</c> combine, the largest <c>[MinContextWindow]</c> applies,
/// <c>[UseModel]</c>, <c>[Budget]</c>, <c>[SemanticCache]</c>, <c>[ExpectedVolume]</c> and the <c>[AgentStep]</c>
/// name and description come from the nearest declaration, and <c>[NoCache]</c>/<c>[HasSideEffects]</c> apply
/// wherever written. Two interfaces that declare one of the single-valued attributes differently for the same
/// method are a conflict.</para>
/// <para>Invalid values (an undefined enum value, a non-positive budget or context window, a negative or
/// non-finite volume, a threshold outside [0, 1], an empty step id, model id or cache-key name, two parameters
/// on one scope field, a scope parameter whose values all print alike) throw here, and fail the application
/// at startup when the step belongs to a registered agent; the analyzer reports them as AGF0008.</para>
/// </remarks>
public sealed class StepRequirements
{
    private static readonly ConcurrentDictionary<MethodInfo, StepRequirements> ResolvedByMethod = new();

    /// <summary>Creates requirements directly (for steps that are not methods, e.g. prompt templates).</summary>
    public StepRequirements(
        string stepId,
        ModelNeeds needs,
        string? boundModelId = null,
        ExpectedVolumeAttribute? volume = null,
        BudgetAttribute? budget = null,
        StepCachePolicy? cache = null,
        bool hasSideEffects = false,
        IReadOnlyList<StepScopeParameter>? scopeParameters = null,
        string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepId);
        ArgumentNullException.ThrowIfNull(needs);
        StepId = stepId;
        Needs = needs;
        BoundModelId = boundModelId;
        Volume = volume;
        Budget = budget;
        Cache = cache ?? StepCachePolicy.Default;
        HasSideEffects = hasSideEffects;
        ScopeParameters = scopeParameters ?? [];
        Description = description;
    }

    /// <summary>The stable step id (<c>{Type}.{Method}</c> unless <see cref="AgentStepAttribute.Name"/> is set).</summary>
    public string StepId { get; }

    /// <summary>A human description of the step.</summary>
    public string? Description { get; }

    /// <summary>Capabilities, features, context window and token mix.</summary>
    public ModelNeeds Needs { get; }

    /// <summary>The model id from <see cref="UseModelAttribute"/>, or <c>null</c> when routed by cost.</summary>
    public string? BoundModelId { get; }

    /// <summary>The declared volume, or <c>null</c>.</summary>
    public ExpectedVolumeAttribute? Volume { get; }

    /// <summary>The declared budget, or <c>null</c>.</summary>
    public BudgetAttribute? Budget { get; }

    /// <summary>The cache settings.</summary>
    public StepCachePolicy Cache { get; }

    /// <summary>True when the step is marked <see cref="HasSideEffectsAttribute"/>.</summary>
    public bool HasSideEffects { get; }

    /// <summary>
    /// Whether a cache may serve this step under <paramref name="policy"/> (the step's own <see cref="Cache"/> when
    /// <c>null</c>). The one place the rule "no cache for side-effect steps" is decided: a step marked
    /// <see cref="HasSideEffectsAttribute"/> is never cached, whatever policy it is given; otherwise the policy's
    /// <see cref="StepCachePolicy.Enabled"/> decides (false for <see cref="NoCacheAttribute"/>).
    /// </summary>
    /// <remarks>
    /// Attribute resolution already disables the policy of a side-effect step; the flag is checked again here
    /// because requirements can also be built by hand with any policy.
    /// </remarks>
    public bool IsCacheable(StepCachePolicy? policy = null) => !HasSideEffects && (policy ?? Cache).Enabled;

    /// <summary>Parameters marked <see cref="CacheKeyAttribute"/> or <see cref="CacheScopeAttribute"/>.</summary>
    public IReadOnlyList<StepScopeParameter> ScopeParameters { get; }

    /// <summary>Requirements for an ad-hoc step with no declared needs.</summary>
    public static StepRequirements Unannotated(string stepId) => new(stepId, ModelNeeds.None);

    /// <summary>Resolves (and caches) the requirements of <paramref name="method"/>.</summary>
    /// <remarks>
    /// Interface declarations are found through the type <paramref name="method"/> was obtained from
    /// (<see cref="MemberInfo.ReflectedType"/>): pass the agent class's method, e.g. from
    /// <c>typeof(MyAgent).GetMethod(...)</c> or an interface map.
    /// </remarks>
    /// <exception cref="ArgumentException">A declaration is invalid (e.g. a non-positive budget); the message names the step and the declaration.</exception>
    public static StepRequirements For(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return ResolvedByMethod.GetOrAdd(method, Create);
    }

    /// <summary>
    /// True when <paramref name="method"/> is an agent step: it, a method it overrides or an interface method it
    /// implements carries <see cref="AgentStepAttribute"/>, or it is a Semantic Kernel <c>[KernelFunction]</c> that
    /// carries AgentFramework attributes (on itself, its interface method or its class).
    /// </summary>
    public static bool IsStep(MethodInfo method) => ReflectionStepAdapter.Resolve(method).IsStep;

    /// <summary>The default step id of a method: <c>{DeclaringType.Name}.{Method}</c> without an <c>Async</c> suffix.</summary>
    public static string DefaultStepId(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var declaration = ReflectionStepAdapter.Describe(method).Method;
        return StepDeclarationResolver.DefaultStepId(declaration.TypeName, declaration.MethodName);
    }

    /// <summary>The messages of every invalid declaration of <paramref name="method"/>, each naming the step (empty when valid).</summary>
    internal static IReadOnlyList<string> Problems(MethodInfo method)
    {
        var resolved = ReflectionStepAdapter.Resolve(method);
        return [.. resolved.Errors.Select(e => $"Step '{resolved.StepId}': {e.Message}")];
    }

    private static StepRequirements Create(MethodInfo method)
    {
        var r = ReflectionStepAdapter.Resolve(method);
        if (r.Errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", Problems(method)));
        }

        var volume = r.HasVolume ? new ExpectedVolumeAttribute { CallsPerDay = r.CallsPerDay, InputTokens = r.InputTokens, OutputTokens = r.OutputTokens } : null;
        var budget = r.BudgetUsdPerMonth is { } usd ? new BudgetAttribute(usd) { Policy = (BudgetPolicy)r.BudgetPolicy } : null;
        var cache = !r.CacheEnabled
            ? StepCachePolicy.Disabled
            : r.CacheExplicit
                ? new StepCachePolicy(true, r.CacheSemantic, r.CacheThreshold, r.CacheTtlSeconds is { } ttl ? TimeSpan.FromSeconds(ttl) : null, ExplicitlyConfigured: true)
                : StepCachePolicy.Default;
        var scope = r.ScopeParameters.Select(p => new StepScopeParameter(p.ParameterName, p.ScopeField, p.Position, p.IsTenantScope)).ToList();
        return new StepRequirements(r.StepId, r.Needs, r.BoundModelId, volume, budget, cache, r.HasSideEffects, scope, r.Description);
    }
}
