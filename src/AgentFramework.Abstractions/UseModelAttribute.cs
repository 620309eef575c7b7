using System;

namespace AgentFramework;

/// <summary>
/// Binds a step (or every step of a class) to one catalog model, bypassing cost-based routing.
/// </summary>
/// <remarks>
/// <para>The analyzer reports a warning when the bound model costs several times more than the
/// cheapest model meeting the declared needs (AGF0001), and an error when it lacks a declared
/// capability or feature (AGF0002). Its code fix rewrites the id.</para>
/// <para>At run time a bound step is always sent to this model; fallback on failure still goes to the
/// next cheapest sufficient model. An id that is not in the catalog or has no registered client fails
/// the application when the agent is resolved, not at the first call.</para>
/// <para>On a method it binds that step; on an interface method, the implementing method (unless that
/// method has its own binding); on a class, every step of the class without a closer binding.</para>
/// <example>
/// <code>
/// [AgentStep, Requires(Capability.Reasoning, CapabilityLevel.Frontier)]
/// [UseModel("claude-opus-4-1")]
/// public Task&lt;string&gt; EscalateAsync(string caseFile) { ... }
/// </code>
/// </example>
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class UseModelAttribute : Attribute
{
    /// <summary>Binds to <paramref name="modelId"/>.</summary>
    /// <param name="modelId">A catalog model id or alias, e.g. <c>"gpt-4.1-mini"</c>.</param>
    public UseModelAttribute(string modelId)
    {
        ModelId = modelId;
    }

    /// <summary>The bound model id or alias.</summary>
    public string ModelId { get; }
}
