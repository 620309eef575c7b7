namespace AgentFramework.OpenAI;

/// <summary>A model's endpoint configuration is incomplete or invalid; the message says which setting and how to fix it.</summary>
public sealed class ModelEndpointConfigurationException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ModelEndpointConfigurationException()
        : this("A model endpoint is misconfigured.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ModelEndpointConfigurationException(string message)
        : base(message)
    {
        ModelId = string.Empty;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ModelEndpointConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        ModelId = string.Empty;
    }

    /// <summary>Creates the exception for <paramref name="modelId"/>.</summary>
    public ModelEndpointConfigurationException(string modelId, string message)
        : base($"Model '{modelId}': {message}")
    {
        ModelId = modelId;
    }

    /// <summary>The misconfigured model, or empty.</summary>
    public string ModelId { get; }
}
