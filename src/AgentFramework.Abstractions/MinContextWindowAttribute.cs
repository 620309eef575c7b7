using System;

namespace AgentFramework;

/// <summary>
/// Declares the smallest context window (input tokens) a model needs to serve the step.
/// </summary>
/// <remarks>
/// <example>
/// <code>
/// [AgentStep, Requires(Capability.Summarization), MinContextWindow(100_000)]
/// public Task&lt;string&gt; SummarizeContractAsync(string contract) { ... }
/// </code>
/// </example>
/// The largest value declared on the method, its class or the assembly applies.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false, Inherited = true)]
public sealed class MinContextWindowAttribute : Attribute
{
    /// <summary>Declares the minimum context window.</summary>
    /// <param name="tokens">Minimum input tokens; must be positive.</param>
    public MinContextWindowAttribute(int tokens)
    {
        Tokens = tokens;
    }

    /// <summary>The minimum number of input tokens.</summary>
    public int Tokens { get; }
}
