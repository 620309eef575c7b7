using System;
using System.Collections.Generic;

namespace AgentFramework.Steps.Resolution;

/// <summary>
/// One attribute as declared, in a shape both adapters can produce: constructor arguments and named
/// arguments as plain values (enums as their <see cref="int"/> value, <c>null</c> where the code does
/// not compile). No inheritance, no defaults applied, no validation: that is the resolver's job.
/// </summary>
internal sealed class StepAttributeData
{
    private static readonly KeyValuePair<string, object?>[] NoNamedArguments = new KeyValuePair<string, object?>[0];

    /// <summary>Creates the attribute data.</summary>
    /// <param name="kind">Which attribute.</param>
    /// <param name="arguments">Constructor arguments in order (optional parameters included with their values).</param>
    /// <param name="namedArguments">Property assignments in source order.</param>
    /// <param name="origin">The adapter's own handle (Roslyn <c>AttributeData</c>, reflection <c>CustomAttributeData</c>), for locations.</param>
    public StepAttributeData(StepAttributeKind kind, IReadOnlyList<object?>? arguments = null, IReadOnlyList<KeyValuePair<string, object?>>? namedArguments = null, object? origin = null)
    {
        Kind = kind;
        Arguments = arguments ?? new object?[0];
        NamedArguments = namedArguments ?? NoNamedArguments;
        Origin = origin;
    }

    /// <summary>Which attribute.</summary>
    public StepAttributeKind Kind { get; }

    /// <summary>Constructor arguments.</summary>
    public IReadOnlyList<object?> Arguments { get; }

    /// <summary>Named arguments (property assignments).</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> NamedArguments { get; }

    /// <summary>The adapter's handle of the attribute, or <c>null</c>.</summary>
    public object? Origin { get; }

    /// <summary>The full names of the attributes step resolution reads.</summary>
    public static bool TryGetKind(string? fullName, out StepAttributeKind kind)
    {
        switch (fullName)
        {
            case "AgentFramework.AgentStepAttribute": kind = StepAttributeKind.AgentStep; return true;
            case "AgentFramework.RequiresAttribute": kind = StepAttributeKind.Requires; return true;
            case "AgentFramework.RequiresFeaturesAttribute": kind = StepAttributeKind.RequiresFeatures; return true;
            case "AgentFramework.MinContextWindowAttribute": kind = StepAttributeKind.MinContextWindow; return true;
            case "AgentFramework.UseModelAttribute": kind = StepAttributeKind.UseModel; return true;
            case "AgentFramework.ExpectedVolumeAttribute": kind = StepAttributeKind.ExpectedVolume; return true;
            case "AgentFramework.BudgetAttribute": kind = StepAttributeKind.Budget; return true;
            case "AgentFramework.SemanticCacheAttribute": kind = StepAttributeKind.SemanticCache; return true;
            case "AgentFramework.NoCacheAttribute": kind = StepAttributeKind.NoCache; return true;
            case "AgentFramework.HasSideEffectsAttribute": kind = StepAttributeKind.HasSideEffects; return true;
            case "AgentFramework.CacheKeyAttribute": kind = StepAttributeKind.CacheKey; return true;
            case "AgentFramework.CacheScopeAttribute": kind = StepAttributeKind.CacheScope; return true;
            case "Microsoft.SemanticKernel.KernelFunctionAttribute": kind = StepAttributeKind.KernelFunction; return true;
            default: kind = default(StepAttributeKind); return false;
        }
    }

    /// <summary>True for the attributes that make a <c>[KernelFunction]</c> a step (everything but parameter attributes).</summary>
    public static bool MarksStep(StepAttributeKind kind) =>
        kind != StepAttributeKind.KernelFunction && kind != StepAttributeKind.CacheKey && kind != StepAttributeKind.CacheScope;

    /// <summary>The constructor argument at <paramref name="index"/>, or <c>null</c>.</summary>
    public object? Argument(int index) => index < Arguments.Count ? Arguments[index] : null;

    /// <summary>True when the named argument is assigned.</summary>
    public bool HasNamed(string name)
    {
        foreach (var pair in NamedArguments)
        {
            if (string.Equals(pair.Key, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value of a named argument (the last assignment wins), or <c>null</c>.</summary>
    public object? Named(string name)
    {
        object? value = null;
        foreach (var pair in NamedArguments)
        {
            if (string.Equals(pair.Key, name, StringComparison.Ordinal))
            {
                value = pair.Value;
            }
        }

        return value;
    }

    /// <summary>A canonical text of the arguments, to tell whether two declarations say the same.</summary>
    public string ArgumentText()
    {
        var parts = new List<string>();
        foreach (var a in Arguments)
        {
            parts.Add(StepText.Value(a));
        }

        foreach (var pair in NamedArguments)
        {
            parts.Add(pair.Key + "=" + StepText.Value(pair.Value));
        }

        return string.Join(",", parts);
    }
}
