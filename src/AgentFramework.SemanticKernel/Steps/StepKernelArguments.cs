using AgentFramework.Runtime;
using AgentFramework.Steps;
using Microsoft.SemanticKernel;

namespace AgentFramework.SemanticKernel.Steps;

/// <summary>
/// Declares, through <see cref="KernelArguments"/>, the step a prompt function runs as and the tenant and
/// conversation a call belongs to. Prompt templates never reference these reserved names, so they
/// do not change what the model sees.
/// </summary>
/// <example>
/// <code>
/// var faq = PromptStep.Create("Faq.Answer", (Capability.Writing, CapabilityLevel.Standard));
/// await kernel.InvokePromptAsync("Answer briefly: {{$question}}",
///     new KernelArguments { ["question"] = q }.WithStep(faq).WithTenant(tenantId));
/// </code>
/// </example>
public static class StepKernelArguments
{
    /// <summary>Reserved argument name holding a <see cref="StepRequirements"/>.</summary>
    public const string StepArgument = "agentframework_step";

    /// <summary>Reserved argument name holding the tenant/user scope (a <see cref="string"/>).</summary>
    public const string TenantArgument = "agentframework_tenant";

    /// <summary>Reserved argument name holding the conversation id (a <see cref="string"/>).</summary>
    public const string ConversationArgument = "agentframework_conversation";

    /// <summary>Runs the invoked function as <paramref name="step"/> (overrides the function's own requirements).</summary>
    public static KernelArguments WithStep(this KernelArguments arguments, StepRequirements step)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(step);
        arguments[StepArgument] = step;
        return arguments;
    }

    /// <summary>
    /// Partitions the call's cache entries by tenant or user: a hard scope, never served across values.
    /// A <see cref="CacheScopeAttribute"/> parameter of an agent step takes precedence.
    /// </summary>
    public static KernelArguments WithTenant(this KernelArguments arguments, string tenantScope)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantScope);
        arguments[TenantArgument] = tenantScope;
        return arguments;
    }

    /// <summary>Marks the call as continuing a conversation (the cache bypasses such calls).</summary>
    public static KernelArguments WithConversation(this KernelArguments arguments, string conversationId)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        arguments[ConversationArgument] = conversationId;
        return arguments;
    }

    /// <summary>The step declared with <see cref="WithStep"/>, or <c>null</c>.</summary>
    public static StepRequirements? GetStep(this KernelArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments.TryGetValue(StepArgument, out var value) ? value as StepRequirements : null;
    }

    internal static string? GetString(KernelArguments? arguments, string name) =>
        arguments is not null && arguments.TryGetValue(name, out var value) && value is not null ? StepContextFactory.FormatScopeValue(value) : null;
}
