using System.Reflection;
using AgentFramework.Catalog;
using AgentFramework.Steps;

namespace AgentFramework.Hosting.AgentsAI;

/// <summary>
/// Declares the step a <c>ChatClientAgent</c>'s own model calls run as, for <see cref="ChatClients.StepRoutedChatClientOptions.Step"/>:
/// from options (<c>Create</c>) or from the attributes
/// of a method (<see cref="From(MethodInfo)"/>), which the cost analyzer checks at build time like any step.
/// </summary>
/// <remarks>Create each step once and reuse it: step pipelines are cached per requirements instance.</remarks>
public static class AgentModelStep
{
    /// <summary>A step with capability needs.</summary>
    /// <param name="stepId">The stable step id (routing, cache scope, ledger).</param>
    /// <param name="needs">Capability levels the serving model must reach.</param>
    public static StepRequirements Create(string stepId, params (Capability Capability, CapabilityLevel Level)[] needs) =>
        Create(stepId, ModelFeatures.None, needs);

    /// <summary>A step with capability needs and required features (e.g. <see cref="ModelFeatures.ToolCalling"/>).</summary>
    /// <param name="stepId">The stable step id (routing, cache scope, ledger).</param>
    /// <param name="features">Features the serving model must support.</param>
    /// <param name="needs">Capability levels the serving model must reach.</param>
    public static StepRequirements Create(string stepId, ModelFeatures features, params (Capability Capability, CapabilityLevel Level)[] needs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepId);
        ArgumentNullException.ThrowIfNull(needs);
        return new StepRequirements(stepId, new ModelNeeds(needs.Select(n => new KeyValuePair<Capability, CapabilityLevel>(n.Capability, n.Level)), features));
    }

    /// <summary>
    /// The step declared by <paramref name="method"/>'s attributes (<see cref="AgentStepAttribute"/>,
    /// <see cref="RequiresAttribute"/>, <see cref="UseModelAttribute"/>, <see cref="NoCacheAttribute"/>, …, with the
    /// class's and assembly's), resolved exactly as for an agent step.
    /// </summary>
    /// <exception cref="ArgumentException">An attribute value is invalid.</exception>
    public static StepRequirements From(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return StepRequirements.For(method);
    }

    /// <summary>The step declared by the attributes of <paramref name="type"/>'s method <paramref name="methodName"/> (static classes included).</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> has no single method of that name.</exception>
    public static StepRequirements From(Type type, string methodName)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(methodName);
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m.Name == methodName).ToList();
        return methods.Count == 1
            ? From(methods[0])
            : throw new ArgumentException($"'{type.Name}' has {methods.Count} methods named '{methodName}'; pass the MethodInfo to From(MethodInfo).", nameof(methodName));
    }
}
