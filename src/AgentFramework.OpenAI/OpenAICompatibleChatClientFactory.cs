using System.ClientModel;
using System.ClientModel.Primitives;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using OpenAI;

namespace AgentFramework.OpenAI;

/// <summary>
/// Builds <see cref="IChatClient"/>s for OpenAI, Azure OpenAI and OpenAI-compatible servers from
/// <see cref="OpenAICompatibleModelOptions"/> or from a configuration section mapping model id → endpoint.
/// </summary>
/// <remarks>
/// <para>
/// Every client is the OpenAI .NET SDK's chat client wrapped by Microsoft.Extensions.AI, so token usage
/// arrives as <see cref="ChatResponse.Usage"/> and, when streaming, as a <see cref="UsageContent"/> in the
/// last update (the SDK asks the server for it with <c>stream_options.include_usage</c>).
/// </para>
/// <para>
/// Azure OpenAI is reached without the Azure.AI.OpenAI package, through the resource's OpenAI-compatible
/// <c>/openai/v1/</c> API, the key sent as a Bearer token and the deployment name as the model. That
/// API needs no <c>api-version</c>; resources that only offer the older
/// <c>/openai/deployments/{name}/…?api-version=</c> routes need Azure.AI.OpenAI's client instead, which
/// can still be registered by hand with <c>AsIChatClient()</c>.
/// </para>
/// </remarks>
public static class OpenAICompatibleChatClientFactory
{
    /// <summary>The configuration section read by default.</summary>
    public const string DefaultSectionPath = "AgentFramework:Models";

    /// <summary>OpenAI's conventional key variable.</summary>
    public const string OpenAIApiKeyVariable = "OPENAI_API_KEY";

    /// <summary>Azure OpenAI's conventional key variable.</summary>
    public const string AzureOpenAIApiKeyVariable = "AZURE_OPENAI_API_KEY";

    /// <summary>The key sent to a compatible server configured without one.</summary>
    public const string NoKeyPlaceholder = "no-key";

    /// <summary>OpenAI's public endpoint.</summary>
    public static readonly Uri OpenAIEndpoint = new("https://api.openai.com/v1");

    /// <summary>Creates the client for one model.</summary>
    /// <param name="modelId">The id the router and catalog use (overridden by <see cref="OpenAICompatibleModelOptions.ModelId"/> when set).</param>
    /// <param name="options">Where and how to reach it.</param>
    /// <param name="environment">Reads environment variables; <c>null</c> for <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <returns>The ready model.</returns>
    /// <exception cref="ModelEndpointConfigurationException">A required setting (endpoint, key) is missing or invalid; the message names it.</exception>
    public static ConfiguredChatModel Create(string modelId, OpenAICompatibleModelOptions options, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var id = string.IsNullOrWhiteSpace(options.ModelId) ? modelId : options.ModelId;
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ModelEndpointConfigurationException("A model entry has no id: give its configuration section a name or set ModelId.");
        }

        Validate(id, options);
        environment ??= Environment.GetEnvironmentVariable;
        var endpoint = ResolveEndpoint(id, options);
        var remoteModel = string.IsNullOrWhiteSpace(options.Deployment) ? id : options.Deployment;
        var key = ResolveApiKey(id, options, environment);

        var clientOptions = new OpenAIClientOptions { Endpoint = endpoint };
        if (options.NetworkTimeout is { } timeout)
        {
            clientOptions.NetworkTimeout = timeout;
        }

        if (options.MaxRetries is { } retries)
        {
            clientOptions.RetryPolicy = new ClientRetryPolicy(retries);
        }

        if (!string.IsNullOrWhiteSpace(options.OrganizationId))
        {
            clientOptions.OrganizationId = options.OrganizationId;
        }

        if (!string.IsNullOrWhiteSpace(options.ProjectId))
        {
            clientOptions.ProjectId = options.ProjectId;
        }

        // Keys go as "Authorization: Bearer", which api.openai.com, Azure's v1 API and compatible servers all
        // accept. Local servers without auth ignore the header, so a placeholder stands in for a missing key
        // (the SDK requires one; Ollama's own docs suggest the same).
        IChatClient client = new OpenAIClient(new ApiKeyCredential(key ?? NoKeyPlaceholder), clientOptions).GetChatClient(remoteModel).AsIChatClient();
        client = new RemoteModelChatClient(client, id, remoteModel);
        return new ConfiguredChatModel(id, client, options.Provider, endpoint, remoteModel);
    }

    /// <summary>
    /// Creates a client for every child of <paramref name="section"/> (e.g. <c>AgentFramework:Models</c>),
    /// whose key is the model id and whose value binds to <see cref="OpenAICompatibleModelOptions"/>.
    /// </summary>
    /// <param name="section">The models section.</param>
    /// <param name="environment">Reads environment variables; <c>null</c> for the process environment.</param>
    /// <returns>The models in configuration order; empty when the section is empty or missing.</returns>
    /// <exception cref="ModelEndpointConfigurationException">An entry is invalid; the message names the model and the setting.</exception>
    public static IReadOnlyList<ConfiguredChatModel> CreateFromConfiguration(IConfiguration section, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        var models = new List<ConfiguredChatModel>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            var options = new OpenAICompatibleModelOptions();
            try
            {
                child.Bind(options);
            }
            catch (InvalidOperationException ex)
            {
                throw new ModelEndpointConfigurationException($"Model '{child.Key}' ({child.Path}): {ex.Message}", ex);
            }

            var model = Create(child.Key, options, environment);
            if (!seen.Add(model.ModelId))
            {
                throw new ModelEndpointConfigurationException(model.ModelId, $"configured twice (second time at {child.Path}).");
            }

            models.Add(model);
        }

        return models;
    }

    // The house way: the options' DataAnnotations, checked where the entry becomes a client, i.e. at registration.
    private static void Validate(string id, OpenAICompatibleModelOptions options)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new ModelEndpointConfigurationException(id, string.Join(" ", results.Select(r => r.ErrorMessage)));
        }
    }

    private static Uri ResolveEndpoint(string id, OpenAICompatibleModelOptions options)
    {
        var endpoint = options.Endpoint;
        if (endpoint is null)
        {
            return options.Provider switch
            {
                OpenAIProviderKind.OpenAI => OpenAIEndpoint,
                OpenAIProviderKind.AzureOpenAI => throw new ModelEndpointConfigurationException(id, "Azure OpenAI needs Endpoint, the resource URL (https://NAME.openai.azure.com/)."),
                _ => throw new ModelEndpointConfigurationException(id, "a Compatible provider needs Endpoint, the server's base URL including its API prefix (Ollama: http://localhost:11434/v1/, vLLM: http://HOST:8000/v1/, LM Studio: http://localhost:1234/v1/)."),
            };
        }

        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ModelEndpointConfigurationException(id, $"Endpoint must be an absolute http:// or https:// URL (was '{endpoint}').");
        }

        if (options.Provider == OpenAIProviderKind.AzureOpenAI && endpoint.AbsolutePath is "/" or "")
        {
            // The resource URL alone: use the resource's OpenAI-compatible v1 API.
            return new Uri(endpoint, "openai/v1/");
        }

        return endpoint;
    }

    private static string? ResolveApiKey(string id, OpenAICompatibleModelOptions options, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            return options.ApiKey;
        }

        var variable = options.ApiKeyEnvironmentVariable;
        if (string.IsNullOrWhiteSpace(variable))
        {
            variable = options.Provider switch
            {
                OpenAIProviderKind.OpenAI => OpenAIApiKeyVariable,
                OpenAIProviderKind.AzureOpenAI => AzureOpenAIApiKeyVariable,
                _ => null,
            };
        }

        if (variable is null)
        {
            return null; // Local compatible servers (Ollama, LM Studio) usually need no key.
        }

        var key = environment(variable);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ModelEndpointConfigurationException(
                id,
                $"no API key: the environment variable {variable} is not set. Set it, or set ApiKeyEnvironmentVariable to the variable that holds the key (ApiKey also works but puts the key in configuration).");
        }

        return key;
    }

}
