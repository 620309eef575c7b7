namespace AgentFramework.Runtime;

/// <summary>Per-call settings of a step invocation.</summary>
/// <param name="TenantScope">The tenant or user the call runs for; a hard cache partition. Overridden by <see cref="CacheScopeAttribute"/> parameters.</param>
/// <param name="ConversationId">The conversation the call continues, if any (the cache bypasses such calls).</param>
public sealed record StepInvocation(string? TenantScope = null, string? ConversationId = null);
