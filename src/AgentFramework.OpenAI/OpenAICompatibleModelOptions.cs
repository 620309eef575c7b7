using System.ComponentModel.DataAnnotations;

namespace AgentFramework.OpenAI;

/// <summary>
/// How to reach one model: one entry of the <c>AgentFramework:Models</c> configuration section, keyed by
/// the model id the router and catalog know it by.
/// </summary>
/// <remarks>
/// Keep keys out of configuration files: name the environment variable holding the key
/// (<see cref="ApiKeyEnvironmentVariable"/>) or rely on the provider's conventional variable.
/// Values are checked by DataAnnotations when the entry is turned into a client (at registration, by
/// <c>AddOpenAICompatibleModels</c>); an invalid one throws <see cref="ModelEndpointConfigurationException"/>
/// naming the model and the setting.
/// </remarks>
public sealed class OpenAICompatibleModelOptions : IValidatableObject
{
    /// <summary>
    /// The model id as the catalog and router know it, when the configuration key cannot spell it
    /// (configuration keys cannot contain <c>:</c>, so e.g. <c>llama3.1:8b</c> needs this).
    /// </summary>
    /// <value>Defaults to <c>null</c>: the section's key is the model id.</value>
    public string? ModelId { get; set; }

    /// <summary>The protocol flavour.</summary>
    /// <value>Defaults to <see cref="OpenAIProviderKind.OpenAI"/>.</value>
    public OpenAIProviderKind Provider { get; set; } = OpenAIProviderKind.OpenAI;

    /// <summary>
    /// The base URL. OpenAI: optional (api.openai.com/v1). Azure OpenAI: the resource URL
    /// (<c>https://NAME.openai.azure.com/</c>; <c>openai/v1/</c> is appended when no path is given).
    /// Compatible: required, including the API's path prefix (Ollama: <c>http://localhost:11434/v1/</c>).
    /// </summary>
    /// <value>Defaults to <c>null</c>.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>The API key itself. Prefer <see cref="ApiKeyEnvironmentVariable"/>, which keeps it out of files.</summary>
    /// <value>Defaults to <c>null</c>.</value>
    public string? ApiKey { get; set; }

    /// <summary>The environment variable holding the API key (read when the client is created).</summary>
    /// <value>
    /// Defaults to <c>null</c>, which means <c>OPENAI_API_KEY</c> for OpenAI, <c>AZURE_OPENAI_API_KEY</c> for
    /// Azure OpenAI, and no key for compatible servers.
    /// </value>
    public string? ApiKeyEnvironmentVariable { get; set; }

    /// <summary>
    /// The model name sent on the wire: the deployment name on Azure OpenAI, the server's own model name
    /// elsewhere (e.g. <c>llama3.1:8b</c> on Ollama).
    /// </summary>
    /// <value>Defaults to <c>null</c>: the model id is sent.</value>
    public string? Deployment { get; set; }

    /// <summary>How long one HTTP request may take before it is abandoned.</summary>
    /// <value>Defaults to <c>null</c>: the OpenAI SDK's default (100 seconds).</value>
    public TimeSpan? NetworkTimeout { get; set; }

    /// <summary>How many times a failed request (429, 5xx, network error) is retried with back-off.</summary>
    /// <value>Defaults to <c>null</c>: the OpenAI SDK's default (3).</value>
    [Range(0, int.MaxValue, ErrorMessage = "{0} must be zero or more.")]
    public int? MaxRetries { get; set; }

    /// <summary>The OpenAI organization header, if the key belongs to several.</summary>
    /// <value>Defaults to <c>null</c>.</value>
    public string? OrganizationId { get; set; }

    /// <summary>The OpenAI project header.</summary>
    /// <value>Defaults to <c>null</c>.</value>
    public string? ProjectId { get; set; }

    /// <summary>The rules a <see cref="RangeAttribute"/> cannot state; run after the attributes pass.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (NetworkTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult($"{nameof(NetworkTimeout)} must be positive (was {timeout}); leave it unset for the SDK's default.", [nameof(NetworkTimeout)]);
        }
    }
}
