using System;

namespace AgentFramework;

/// <summary>
/// Marks a method as an agent step: one model-backed unit of work whose needs are declared
/// with <see cref="RequiresAttribute"/> and related attributes.
/// </summary>
/// <remarks>
/// <para>The runtime routes every chat call the step makes to the cheapest registered model that
/// meets the declared needs, fronts it with the cache, and records its cost per step. The
/// analyzer compares the declared needs with any model the step is bound to.</para>
/// <para>A Semantic Kernel <c>[KernelFunction]</c> method that carries AgentFramework attributes is
/// treated as a step too.</para>
/// <para>The attribute (and every other step attribute) may be written on an interface method: the class
/// method that implements it is then the step, and runs in its step context when the agent is called
/// through the interface. When both declare, the class method wins, then the interface method, then the
/// class, then the assembly; <see cref="Name"/> and <see cref="Description"/> come from the nearest
/// declaration that sets them. The analyzer and the runtime resolve this with the same code.</para>
/// <example>
/// <code>
/// [AgentStep(Description = "Label a ticket as billing, shipping, technical or legal")]
/// [Requires(Capability.Classification, CapabilityLevel.Basic)]
/// public Task&lt;string&gt; ClassifyAsync(string ticket, CancellationToken ct) { ... }
/// </code>
/// </example>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class AgentStepAttribute : Attribute
{
    /// <summary>Creates the attribute; the step id defaults to <c>{Type}.{Method}</c>.</summary>
    public AgentStepAttribute()
    {
    }

    /// <summary>Creates the attribute with an explicit, stable step id.</summary>
    /// <param name="name">The step id used in routing decisions, cache scopes, the ledger and metrics.</param>
    public AgentStepAttribute(string name)
    {
        Name = name;
    }

    /// <summary>
    /// The stable step id. <value>Defaults to <c>null</c>, meaning <c>{DeclaringType.Name}.{MethodName}</c>
    /// (an <c>Async</c> suffix is removed).</value> Set it when renaming a method must not reset the cache.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>A human description, shown in reports and as the Semantic Kernel function description.</summary>
    public string? Description { get; set; }
}
