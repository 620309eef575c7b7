using System;

namespace AgentFramework;

/// <summary>
/// Declares that a step changes the outside world (sends mail, issues refunds, writes records).
/// Such a step is never served from a cache.
/// </summary>
/// <remarks>
/// <example>
/// <code>
/// [AgentStep, HasSideEffects, Requires(Capability.ToolUse)]
/// public Task IssueRefundAsync(string orderId) { ... }
/// </code>
/// </example>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class HasSideEffectsAttribute : Attribute
{
}
