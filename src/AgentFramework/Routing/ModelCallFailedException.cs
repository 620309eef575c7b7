namespace AgentFramework.Routing;

/// <summary>Thrown when the selected model and every fallback failed.</summary>
public sealed class ModelCallFailedException : AggregateException
{
    /// <summary>Creates the exception.</summary>
    public ModelCallFailedException(string stepId, IReadOnlyList<string> triedModels, IReadOnlyList<Exception> failures)
        : base($"Step '{stepId}': every model tried failed ({string.Join(", ", triedModels)}). See the inner exceptions.", failures)
    {
        StepId = stepId;
        TriedModels = triedModels;
    }

    /// <summary>The step.</summary>
    public string StepId { get; }

    /// <summary>The models tried, in order.</summary>
    public IReadOnlyList<string> TriedModels { get; }
}
