using System;

namespace AgentFramework;

/// <summary>
/// Declares how much traffic a step expects, so costs can be stated per month and
/// routing can weigh input and output prices by the step's real token mix.
/// </summary>
/// <remarks>
/// A month is counted as 30 days.
/// <example>
/// <code>
/// [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
/// [ExpectedVolume(CallsPerDay = 50_000, InputTokens = 800, OutputTokens = 60)]
/// public Task&lt;string&gt; ClassifyAsync(string ticket) { ... }
/// </code>
/// </example>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class ExpectedVolumeAttribute : Attribute
{
    /// <summary>Expected calls per day. <value>Defaults to 0 (unknown).</value></summary>
    public double CallsPerDay { get; set; }

    /// <summary>Typical input tokens per call. <value>Defaults to 0 (unknown).</value></summary>
    public int InputTokens { get; set; }

    /// <summary>Typical output tokens per call. <value>Defaults to 0 (unknown).</value></summary>
    public int OutputTokens { get; set; }
}
