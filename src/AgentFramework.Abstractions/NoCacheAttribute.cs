using System;

namespace AgentFramework;

/// <summary>Turns every cache tier off for a step or class, whatever the defaults say.</summary>
/// <remarks>
/// <example>
/// <code>
/// [AgentStep, NoCache, Requires(Capability.Writing)]
/// public Task&lt;string&gt; DraftPersonalReplyAsync(Ticket ticket) { ... }
/// </code>
/// </example>
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class NoCacheAttribute : Attribute
{
}
