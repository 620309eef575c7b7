using AgentFramework.Hosting.AgentsAI.ChatClients;
using AgentFramework.Hosting.AgentsAI.DependencyInjection;
using AgentFramework.Runtime;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Microsoft Agent Framework agents hosted on AgentFramework's router, cache and ledger.</summary>
public static class StepRoutedAgentServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <c>ChatClientAgent</c> as the keyed <see cref="AIAgent"/> (and <see cref="ChatClientAgent"/>)
    /// <paramref name="name"/>: its model calls run as the declared step through a <see cref="StepRoutedChatClient"/>,
    /// its step tools as their own steps. Call <c>AddAgentFramework()</c> too, to register the models and agents, and
    /// <c>AddSemanticCache()</c> for the cache.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddAgentFramework().AddModel("gpt-4.1-nano", nano).AddModel("gpt-4.1-mini", mini).AddAgent&lt;SupportAgent&gt;();
    /// services.AddSemanticCache();
    /// services.AddStepRoutedAgent("desk", o =>
    /// {
    ///     o.Instructions = "You are a support desk.";
    ///     o.Chat.Step = AgentModelStep.Create("Desk.Handle", (Capability.ToolUse, CapabilityLevel.Standard));
    ///     o.AddStepTools&lt;SupportAgent&gt;();
    /// });
    /// var agent = provider.GetRequiredKeyedService&lt;AIAgent&gt;("desk");
    /// </code>
    /// </example>
    public static IServiceCollection AddStepRoutedAgent(this IServiceCollection services, string name, Action<StepRoutedAgentOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new StepRoutedAgentOptions { Name = name };
        configure(options);
        services.TryAddKeyedSingleton(name, (sp, _) => sp.CreateStepRoutedAgent(options));
        services.TryAddKeyedSingleton<AIAgent>(name, (sp, key) => sp.GetRequiredKeyedService<ChatClientAgent>(key));
        return services;
    }

    /// <summary>
    /// Registers an unbound <see cref="StepRoutedChatClient"/> (its calls run as the current step, else the configured
    /// one), for applications that build their <c>ChatClientAgent</c>s themselves.
    /// </summary>
    public static IServiceCollection AddStepRoutedChatClient(this IServiceCollection services, Action<StepRoutedChatClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<StepRoutedChatClientOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(sp => new StepRoutedChatClient(
            sp.GetService<IStepChatClient>() ?? throw MissingRuntime(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<StepRoutedChatClientOptions>>()));
        return services;
    }

    /// <summary>
    /// Creates a <c>ChatClientAgent</c> over a <see cref="StepRoutedChatClient"/> with the tools of <paramref name="options"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>AddAgentFramework()</c> was not called on the service collection.</exception>
    public static ChatClientAgent CreateStepRoutedAgent(this IServiceProvider services, StepRoutedAgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var steps = services.GetService<IStepChatClient>() ?? throw MissingRuntime();
        IChatClient client = new StepRoutedChatClient(steps, options.Chat);
        var tools = options.CreateTools(services);
        return new ChatClientAgent(
            client,
            instructions: options.Instructions,
            name: options.Name,
            description: options.Description,
            tools: tools.Count == 0 ? null : tools,
            loggerFactory: services.GetService<ILoggerFactory>(),
            services: services);
    }

    private static InvalidOperationException MissingRuntime() => new(
        "AgentFramework's Microsoft Agent Framework hosting needs the AgentFramework runtime: call services.AddAgentFramework().AddModel(...) on the same service collection.");
}
