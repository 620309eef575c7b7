using System;

namespace AgentFramework;

/// <summary>
/// Declares API features a step needs: tool calling, structured output, vision.
/// </summary>
/// <remarks>
/// <example>
/// <code>
/// [AgentStep, Requires(Capability.Extraction), RequiresFeatures(ModelFeatures.StructuredOutput)]
/// public Task&lt;OrderDetails&gt; ExtractOrderAsync(string ticket) { ... }
/// </code>
/// </example>
/// Features declared on the method, its class and the assembly are combined.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = true, Inherited = true)]
public sealed class RequiresFeaturesAttribute : Attribute
{
    /// <summary>Declares the features the step needs.</summary>
    /// <param name="features">One or more flags.</param>
    public RequiresFeaturesAttribute(ModelFeatures features)
    {
        Features = features;
    }

    /// <summary>The required features.</summary>
    public ModelFeatures Features { get; }
}
