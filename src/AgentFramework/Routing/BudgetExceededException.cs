namespace AgentFramework.Routing;

/// <summary>Thrown when a step's monthly budget is spent and its policy is <see cref="BudgetPolicy.Refuse"/>.</summary>
public sealed class BudgetExceededException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public BudgetExceededException(string stepId, double budgetUsd, double spentUsd, TimeSpan window)
        : base($"Step '{stepId}' has spent ${spentUsd:0.####} of its ${budgetUsd:0.####} budget over the last {window.TotalDays:0.#} days; "
               + "no paid call was made. Raise [Budget], or set Policy = BudgetPolicy.Downgrade to fall back to the cheapest sufficient model.")
    {
        StepId = stepId;
        BudgetUsd = budgetUsd;
        SpentUsd = spentUsd;
    }

    /// <summary>The step.</summary>
    public string StepId { get; }

    /// <summary>The budget in US dollars.</summary>
    public double BudgetUsd { get; }

    /// <summary>What was spent in the window.</summary>
    public double SpentUsd { get; }
}
