using System.Collections.Concurrent;
using System.Reflection;
using AgentFramework.Catalog;

namespace AgentFramework.Steps;

/// <summary>A parameter whose value becomes part of the cache scope.</summary>
/// <param name="ParameterName">The C# parameter name.</param>
/// <param name="ScopeField">The scope field name.</param>
/// <param name="Position">The parameter's position.</param>
/// <param name="IsTenantScope">True for <see cref="CacheScopeAttribute"/> (tenant/user identity), false for <see cref="CacheKeyAttribute"/>.</param>
public sealed record StepScopeParameter(string ParameterName, string ScopeField, int Position, bool IsTenantScope);

/// <summary>
/// Everything a step declares, resolved from attributes on the method, its class and the assembly
/// (the method wins over the class, the class over the assembly). Built once per method and cached.
/// </summary>
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

    /// <summary>Parameters marked <see cref="CacheKeyAttribute"/> or <see cref="CacheScopeAttribute"/>.</summary>
    public IReadOnlyList<StepScopeParameter> ScopeParameters { get; }

    /// <summary>Requirements for an ad-hoc step with no declared needs.</summary>
    public static StepRequirements Unannotated(string stepId) => new(stepId, ModelNeeds.None);

    /// <summary>Resolves (and caches) the requirements of <paramref name="method"/>.</summary>
    /// <exception cref="ArgumentException">An attribute value is invalid (e.g. a non-positive budget); the message names the step.</exception>
    public static StepRequirements For(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return ResolvedByMethod.GetOrAdd(method, Resolve);
    }

    /// <summary>The default step id of a method: <c>{DeclaringType.Name}.{Method}</c> without an <c>Async</c> suffix.</summary>
    public static string DefaultStepId(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var name = method.Name.EndsWith("Async", StringComparison.Ordinal) && method.Name.Length > 5 ? method.Name[..^5] : method.Name;
        return $"{method.DeclaringType?.Name ?? "Global"}.{name}";
    }

    private static StepRequirements Resolve(MethodInfo method)
    {
        var type = method.DeclaringType;
        var assembly = type?.Assembly;
        var step = method.GetCustomAttribute<AgentStepAttribute>();
        var stepId = string.IsNullOrWhiteSpace(step?.Name) ? DefaultStepId(method) : step!.Name!;

        // Capability levels: assembly, then class, then method override per capability.
        var levels = new Dictionary<Capability, CapabilityLevel>();
        void Apply(IEnumerable<RequiresAttribute> attrs)
        {
            var layer = new Dictionary<Capability, CapabilityLevel>();
            foreach (var a in attrs)
            {
                if (!Enum.IsDefined(a.Capability) || !Enum.IsDefined(a.Level))
                {
                    throw new ArgumentException($"Step '{stepId}' declares an undefined capability or level ({(int)a.Capability}, {(int)a.Level}).");
                }

                layer[a.Capability] = layer.TryGetValue(a.Capability, out var l) && l > a.Level ? l : a.Level;
            }

            foreach (var (capability, level) in layer)
            {
                levels[capability] = level;
            }
        }

        if (assembly is not null)
        {
            Apply(assembly.GetCustomAttributes<RequiresAttribute>());
        }

        if (type is not null)
        {
            Apply(type.GetCustomAttributes<RequiresAttribute>(inherit: true));
        }

        Apply(method.GetCustomAttributes<RequiresAttribute>(inherit: true));

        var features = ModelFeatures.None;
        var minContext = 0;
        foreach (var provider in new ICustomAttributeProvider?[] { assembly, type, method })
        {
            if (provider is null)
            {
                continue;
            }

            foreach (var f in provider.GetCustomAttributes(typeof(RequiresFeaturesAttribute), true).Cast<RequiresFeaturesAttribute>())
            {
                features |= f.Features;
            }

            foreach (var c in provider.GetCustomAttributes(typeof(MinContextWindowAttribute), true).Cast<MinContextWindowAttribute>())
            {
                if (c.Tokens <= 0)
                {
                    throw new ArgumentException($"Step '{stepId}' declares MinContextWindow({c.Tokens}); it must be positive.");
                }

                minContext = Math.Max(minContext, c.Tokens);
            }
        }

        var volume = method.GetCustomAttribute<ExpectedVolumeAttribute>();
        if (volume is not null && (volume.CallsPerDay < 0 || volume.InputTokens < 0 || volume.OutputTokens < 0 || double.IsNaN(volume.CallsPerDay)))
        {
            throw new ArgumentException($"Step '{stepId}' declares a negative ExpectedVolume.");
        }

        var budget = method.GetCustomAttribute<BudgetAttribute>() ?? type?.GetCustomAttribute<BudgetAttribute>();
        if (budget is not null && !(budget.UsdPerMonth > 0))
        {
            throw new ArgumentException($"Step '{stepId}' declares Budget({budget.UsdPerMonth}); it must be positive.");
        }

        var bound = method.GetCustomAttribute<UseModelAttribute>()?.ModelId ?? type?.GetCustomAttribute<UseModelAttribute>()?.ModelId;
        var sideEffects = method.GetCustomAttribute<HasSideEffectsAttribute>() is not null;

        var needs = new ModelNeeds(levels, features, minContext, volume?.InputTokens ?? 0, volume?.OutputTokens ?? 0);
        return new StepRequirements(
            stepId,
            needs,
            string.IsNullOrWhiteSpace(bound) ? null : bound,
            volume,
            budget,
            ResolveCache(method, type, sideEffects, stepId),
            sideEffects,
            ResolveScopeParameters(method),
            step?.Description);
    }

    private static StepCachePolicy ResolveCache(MethodInfo method, Type? type, bool sideEffects, string stepId)
    {
        if (sideEffects || method.GetCustomAttribute<NoCacheAttribute>() is not null || type?.GetCustomAttribute<NoCacheAttribute>() is not null)
        {
            return StepCachePolicy.Disabled;
        }

        var attr = method.GetCustomAttribute<SemanticCacheAttribute>() ?? type?.GetCustomAttribute<SemanticCacheAttribute>();
        if (attr is null)
        {
            return StepCachePolicy.Default;
        }

        if (attr.Threshold < 0 || attr.Threshold > 1 || double.IsNaN(attr.Threshold))
        {
            throw new ArgumentException($"Step '{stepId}' declares SemanticCache(Threshold = {attr.Threshold}); it must be in (0, 1].");
        }

        if (attr.TtlSeconds < 0)
        {
            throw new ArgumentException($"Step '{stepId}' declares SemanticCache(TtlSeconds = {attr.TtlSeconds}); it must not be negative.");
        }

        return new StepCachePolicy(
            Enabled: true,
            Semantic: !attr.ExactOnly,
            Threshold: attr.Threshold > 0 ? attr.Threshold : null,
            Ttl: attr.TtlSeconds > 0 ? TimeSpan.FromSeconds(attr.TtlSeconds) : null,
            ExplicitlyConfigured: true);
    }

    private static List<StepScopeParameter> ResolveScopeParameters(MethodInfo method)
    {
        var result = new List<StepScopeParameter>();
        foreach (var p in method.GetParameters())
        {
            var name = p.Name ?? $"arg{p.Position}";
            if (p.GetCustomAttribute<CacheScopeAttribute>() is not null)
            {
                result.Add(new StepScopeParameter(name, name, p.Position, IsTenantScope: true));
            }
            else if (p.GetCustomAttribute<CacheKeyAttribute>() is { } key)
            {
                result.Add(new StepScopeParameter(name, string.IsNullOrWhiteSpace(key.Name) ? name : key.Name!, p.Position, IsTenantScope: false));
            }
        }

        return result;
    }
}
