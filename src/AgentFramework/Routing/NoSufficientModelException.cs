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
