using System.Reflection;
using AgentFramework.SemanticKernel.Plugins;
using AgentFramework.Steps;
using Microsoft.SemanticKernel;

namespace AgentFramework.SemanticKernel;

/// <summary>
/// The keys AgentFramework stores in <see cref="KernelFunctionMetadata.AdditionalProperties"/> of the
/// kernel functions it creates from agent steps, and helpers to read them back.
/// </summary>
/// <remarks>
/// The metadata is what lets the step-context filter and the service selector treat a kernel function
/// as an agent step without reflecting over it again on every call, and what lets tools and reports
/// show a function's declared needs and bound model.
/// </remarks>
public static class AgentFunctionMetadata
{
    /// <summary>The resolved <see cref="StepRequirements"/> of the step.</summary>
    public const string StepRequirementsKey = "agentframework.step";

    /// <summary>The step id (a <see cref="string"/>), as used by routing, the cache scope and the ledger.</summary>
    public const string StepIdKey = "agentframework.step_id";

    /// <summary>The declared needs (a <see cref="AgentFramework.Catalog.ModelNeeds"/>).</summary>
    public const string NeedsKey = "agentframework.needs";

    /// <summary>The model the step is bound to with <see cref="UseModelAttribute"/> (a <see cref="string"/>), or <c>null</c>.</summary>
    public const string BoundModelKey = "agentframework.bound_model";

    /// <summary>The agent method (a <see cref="MethodInfo"/>) whose parameters give the step's cache-scope values.</summary>
    public const string MethodKey = "agentframework.method";

    /// <summary>
    /// The requirements stored on <paramref name="function"/> by <see cref="AgentPlugin"/>, else those of its
    /// underlying method when that method carries AgentFramework attributes, else <c>null</c>.
    /// </summary>
    public static StepRequirements? GetStepRequirements(this KernelFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (function.Metadata.AdditionalProperties.TryGetValue(StepRequirementsKey, out var value) && value is StepRequirements step)
        {
            return step;
        }

        return function.UnderlyingMethod is { } method && AgentPlugin.IsStep(method) ? StepRequirements.For(method) : null;
    }

    /// <summary>The step method behind <paramref name="function"/>, or <c>null</c> for prompt functions and plain methods.</summary>
    public static MethodInfo? GetStepMethod(this KernelFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (function.Metadata.AdditionalProperties.TryGetValue(MethodKey, out var value) && value is MethodInfo method)
        {
            return method;
        }

        return function.UnderlyingMethod is { } underlying && AgentPlugin.IsStep(underlying) ? underlying : null;
    }

    internal static Dictionary<string, object?> For(MethodInfo method, StepRequirements step) => new(StringComparer.Ordinal)
    {
        [StepRequirementsKey] = step,
        [StepIdKey] = step.StepId,
        [NeedsKey] = step.Needs,
        [BoundModelKey] = step.BoundModelId,
        [MethodKey] = method,
    };
}
