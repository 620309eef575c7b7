using AgentFramework.Hosting.AgentsAI.ChatClients;
using AgentFramework.Hosting.AgentsAI.Tools;
using AgentFramework.Runtime;
using Microsoft.Agents.AI;

namespace AgentFramework.Hosting.AgentsAI;

/// <summary>
/// Declares, through <see cref="AgentRunOptions.AdditionalProperties"/>, the tenant an agent run belongs to. The
/// agent's model calls (through <see cref="StepRoutedChatClient"/>) and its step tools
/// (<see cref="AgentStepFunction"/>) read it, so every cache entry the run writes or reads is partitioned by it.
/// </summary>
/// <example>
/// <code>
/// await agent.RunAsync(ticket, session, new ChatClientAgentRunOptions().WithTenant("acme"));
/// </code>
/// </example>
public static class AgentRunStepOptions
{
    /// <summary>The reserved additional-property name holding the tenant/user scope (a <see cref="string"/>).</summary>
    public const string TenantProperty = "agentframework.tenant";

    /// <summary>Partitions the run's cache entries by tenant or user: a hard scope, never served across values.</summary>
    public static TOptions WithTenant<TOptions>(this TOptions options, string tenantScope)
        where TOptions : AgentRunOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantScope);
        options.AdditionalProperties ??= [];
        options.AdditionalProperties[TenantProperty] = tenantScope;
        return options;
    }

    /// <summary>The tenant declared with <see cref="WithTenant{TOptions}"/>, or <c>null</c>.</summary>
    public static string? GetTenant(this AgentRunOptions? options) =>
        options?.AdditionalProperties is { } properties && properties.TryGetValue(TenantProperty, out var value) && value is not null
            ? StepContextFactory.FormatScopeValue(value)
            : null;

    /// <summary>The tenant of the agent run in progress on this async flow (<see cref="AIAgent.CurrentRunContext"/>), or <c>null</c>.</summary>
    internal static string? CurrentTenant() => AIAgent.CurrentRunContext?.RunOptions.GetTenant();
}
