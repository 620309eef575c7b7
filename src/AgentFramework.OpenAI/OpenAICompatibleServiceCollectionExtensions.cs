using AgentFramework.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the chat clients of every model configured under <c>AgentFramework:Models</c>.</summary>
public static class OpenAICompatibleServiceCollectionExtensions
{
    /// <summary>
    /// Creates a client for each model in <paramref name="section"/> (see
    /// <see cref="OpenAICompatibleChatClientFactory.CreateFromConfiguration"/>), registers each as a keyed
    /// <see cref="IChatClient"/> (key = model id) and as a <see cref="ConfiguredChatModel"/>, and returns
    /// them so they can be handed to the agent builder's <c>AddModel(id, client)</c>.
    /// </summary>
    /// <remarks>
    /// Clients are created now, not lazily, so a missing key or endpoint fails at startup with a message
    /// naming the model and the setting, not at the first request. A model id whose keyed <see cref="IChatClient"/> was registered before keeps that
    /// registration (TryAdd semantics).
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The models section, e.g. <c>configuration.GetSection("AgentFramework:Models")</c>.</param>
    /// <param name="environment">Reads environment variables (keys); <c>null</c> for the process environment.</param>
    /// <returns>The configured models, in configuration order.</returns>
    /// <exception cref="ModelEndpointConfigurationException">An entry is invalid.</exception>
    public static IReadOnlyList<ConfiguredChatModel> AddOpenAICompatibleModels(this IServiceCollection services, IConfiguration section, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        var models = OpenAICompatibleChatClientFactory.CreateFromConfiguration(section, environment);
        foreach (var model in models)
        {
            var taken = services.Any(d => d.IsKeyedService && d.ServiceType == typeof(IChatClient) && Equals(d.ServiceKey, model.ModelId));
            if (!taken)
            {
                services.AddKeyedSingleton(model.ModelId, model.Client);
                services.AddSingleton(model);
            }
        }

        return models;
    }
}
