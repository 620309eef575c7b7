namespace AgentFramework.Routing;

/// <summary>Why the router picked a model.</summary>
public enum RoutingReason
{
    /// <summary>The cheapest registered model meeting every declared need.</summary>
    CheapestSufficient = 0,

    /// <summary>The step is bound with <see cref="UseModelAttribute"/>.</summary>
    Bound = 1,

    /// <summary>The step's budget was exhausted and its policy is <see cref="BudgetPolicy.Downgrade"/>.</summary>
    BudgetDowngrade = 2,
}
