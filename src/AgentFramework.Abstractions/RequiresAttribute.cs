using System;

namespace AgentFramework;

/// <summary>
/// Declares that a step needs a model with at least <see cref="Level"/> in <see cref="Capability"/>.
/// </summary>
/// <remarks>
/// <para>Repeat the attribute for several capabilities. On a class it applies to every step of the
/// class; on the assembly (<c>[assembly: Requires(...)]</c>) to every step of the assembly. When
/// the same capability is declared at several places, the method wins over the interface method it
/// implements, the interface method over the class and the class over the assembly
/// (<see cref="CapabilityLevel.None"/> in a higher place cancels a lower one). An undefined
/// capability or level is reported by the analyzer (AGF0008) and refused at startup.</para>
/// <example>
/// <code>
/// [AgentStep]
/// [Requires(Capability.Reasoning, CapabilityLevel.Advanced)]
/// [Requires(Capability.Writing)]
/// public Task&lt;Decision&gt; DecideRefundAsync(Ticket ticket) { ... }
/// </code>
/// </example>
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = true, Inherited = true)]
public sealed class RequiresAttribute : Attribute
{
    /// <summary>Declares a need for <paramref name="capability"/> at <paramref name="level"/>.</summary>
    /// <param name="capability">The kind of work.</param>
    /// <param name="level">The minimum level. <value>Defaults to <see cref="CapabilityLevel.Standard"/>.</value></param>
    public RequiresAttribute(Capability capability, CapabilityLevel level = CapabilityLevel.Standard)
    {
        Capability = capability;
        Level = level;
    }

    /// <summary>The kind of work the step asks for.</summary>
    public Capability Capability { get; }

    /// <summary>The minimum level a model must have in <see cref="Capability"/>.</summary>
    public CapabilityLevel Level { get; }
}
