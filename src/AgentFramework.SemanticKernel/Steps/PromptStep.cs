using AgentFramework.Catalog;
using AgentFramework.SemanticKernel.ChatCompletion;
using AgentFramework.Steps;

namespace AgentFramework.SemanticKernel.Steps;

/// <summary>
/// Builds <see cref="StepRequirements"/> for prompt functions and direct chat calls, which have no
/// method to carry attributes. Pass the result to <see cref="StepKernelArguments.WithStep"/> or
/// <see cref="AgentFrameworkChatCompletionService.ForStep(StepRequirements)"/>.
/// </summary>
/// <remarks>Create each step once and reuse it: pipelines are cached per requirements instance.</remarks>
public static class PromptStep
{
    /// <summary>A step with capability needs.</summary>
    /// <param name="stepId">The stable step id (routing, cache scope, ledger).</param>
    /// <param name="needs">Capability levels the serving model must reach.</param>
    public static StepRequirements Create(string stepId, params (Capability Capability, CapabilityLevel Level)[] needs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepId);
        ArgumentNullException.ThrowIfNull(needs);
        return new StepRequirements(stepId, new ModelNeeds(needs.Select(n => new KeyValuePair<Capability, CapabilityLevel>(n.Capability, n.Level))));
    }

    /// <summary>A step with capability needs, required features and an optional bound model.</summary>
    /// <param name="stepId">The stable step id.</param>
    /// <param name="features">Features the serving model must support.</param>
    /// <param name="boundModelId">A catalog model id to bind the step to, or <c>null</c> to route by cost.</param>
    /// <param name="cache">The cache policy. <value>Defaults to <see cref="StepCachePolicy.Default"/>.</value></param>
    /// <param name="needs">Capability levels the serving model must reach.</param>
    public static StepRequirements Create(string stepId, ModelFeatures features, string? boundModelId, StepCachePolicy? cache, params (Capability Capability, CapabilityLevel Level)[] needs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepId);
        ArgumentNullException.ThrowIfNull(needs);
        return new StepRequirements(
            stepId,
            new ModelNeeds(needs.Select(n => new KeyValuePair<Capability, CapabilityLevel>(n.Capability, n.Level)), features),
            string.IsNullOrWhiteSpace(boundModelId) ? null : boundModelId,
            cache: cache);
    }
}
