using AgentFramework.Catalog;

namespace AgentFramework.Routing;

/// <summary>Thrown when no registered model meets a step's declared needs.</summary>
public sealed class NoSufficientModelException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public NoSufficientModelException(string stepId, ModelNeeds needs, IReadOnlyList<RoutingCandidate> candidates)
        : base(BuildMessage(stepId, needs, candidates))
    {
        StepId = stepId;
        Candidates = candidates;
    }

    /// <summary>The step that could not be routed.</summary>
    public string StepId { get; }

    /// <summary>Every registered model with its rejections.</summary>
    public IReadOnlyList<RoutingCandidate> Candidates { get; }

    private static string BuildMessage(string stepId, ModelNeeds needs, IReadOnlyList<RoutingCandidate> candidates) =>
        candidates.Count == 0
            ? $"Step '{stepId}' cannot be routed: no model is registered. Register one with AddAgentFramework().AddModel(\"model-id\", chatClient)."
            : $"Step '{stepId}' needs {needs}, and no registered model meets it. "
              + string.Join(" ", candidates.Select(c => $"{c.Model.Id}: {string.Join("; ", c.Rejections)}."))
              + " Register a stronger model or relax the step's [Requires] attributes.";
}

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

/// <summary>Thrown when a step is bound to a catalog model that has no registered client.</summary>
public sealed class ModelNotRegisteredException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ModelNotRegisteredException(string stepId, string modelId, IEnumerable<string> registered)
        : base($"Step '{stepId}' is bound to '{modelId}', which has no registered chat client. Registered models: {string.Join(", ", registered.DefaultIfEmpty("(none)"))}. "
               + $"Register it with AddModel(\"{modelId}\", client) or remove the [UseModel] binding to let the router choose.")
    {
        StepId = stepId;
        ModelId = modelId;
    }

    /// <summary>The step.</summary>
    public string StepId { get; }

    /// <summary>The bound model.</summary>
    public string ModelId { get; }
}
