namespace AgentFramework.Routing;

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
