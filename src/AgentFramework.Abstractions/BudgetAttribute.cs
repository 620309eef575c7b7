using System;

namespace AgentFramework;

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
