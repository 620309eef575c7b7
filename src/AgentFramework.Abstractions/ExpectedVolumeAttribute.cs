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

/// <summary>What the runtime does when a call would take a step over its <see cref="BudgetAttribute"/>.</summary>
public enum BudgetPolicy
{
    /// <summary>Throw a budget exception and make no paid call.</summary>
    Refuse = 0,

    /// <summary>Send the call to the cheapest registered model that still meets the step's needs.</summary>
    Downgrade = 1,
}

/// <summary>
/// Declares a monthly spending limit in US dollars for a step (or every step of a class).
/// </summary>
/// <remarks>
/// <para>The analyzer warns (AGF0005) when <see cref="ExpectedVolumeAttribute"/> times the bound or
/// routed model's price exceeds the budget. The runtime tracks spend in the cost ledger and applies
/// <see cref="Policy"/> once the month's spend reaches the limit.</para>
/// <example>
/// <code>
/// [AgentStep, Requires(Capability.Summarization)]
/// [ExpectedVolume(CallsPerDay = 10_000, InputTokens = 2_000, OutputTokens = 200)]
/// [Budget(150, Policy = BudgetPolicy.Downgrade)]
/// public Task&lt;string&gt; SummarizeAsync(string thread) { ... }
/// </code>
/// </example>
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class BudgetAttribute : Attribute
{
    /// <summary>Declares a monthly budget.</summary>
    /// <param name="usdPerMonth">The limit in US dollars per 30-day month; must be positive.</param>
    public BudgetAttribute(double usdPerMonth)
    {
        UsdPerMonth = usdPerMonth;
    }

    /// <summary>The limit in US dollars per month.</summary>
    public double UsdPerMonth { get; }

    /// <summary>What happens when the limit is reached. <value>Defaults to <see cref="BudgetPolicy.Refuse"/>.</value></summary>
    public BudgetPolicy Policy { get; set; }
}
