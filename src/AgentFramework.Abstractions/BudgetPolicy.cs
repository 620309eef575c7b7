namespace AgentFramework;

/// <summary>What the runtime does when a call would take a step over its <see cref="BudgetAttribute"/>.</summary>
public enum BudgetPolicy
{
    /// <summary>Throw a budget exception and make no paid call.</summary>
    Refuse = 0,

    /// <summary>Send the call to the cheapest registered model that still meets the step's needs.</summary>
    Downgrade = 1,
}
