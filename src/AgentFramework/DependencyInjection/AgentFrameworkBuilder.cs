using AgentFramework.Runtime;
using AgentFramework.Steps;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentFramework.DependencyInjection;

/// <summary>Configures AgentFramework: the models the router may use and the agents it hosts.</summary>
public sealed class AgentFrameworkBuilder
{
    internal AgentFrameworkBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Registers <paramref name="client"/> as the client that serves catalog model <paramref name="modelId"/>.</summary>
    /// <param name="modelId">A catalog id or alias; an unknown id fails with the closest catalog ids when the registry is built (at the latest when an agent is resolved or the host starts).</param>
    /// <param name="client">The client (e.g. an OpenAI-compatible client for that model).</param>
    public AgentFrameworkBuilder AddModel(string modelId, IChatClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return AddModel(modelId, _ => client);
    }

    /// <summary>Registers a factory for the client that serves catalog model <paramref name="modelId"/>.</summary>
    public AgentFrameworkBuilder AddModel(string modelId, Func<IServiceProvider, IChatClient> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentNullException.ThrowIfNull(factory);
        Services.AddSingleton(new ModelRegistration(modelId, factory));
        return this;
    }

    /// <summary>Registers an agent class; run its steps with <see cref="IAgentRunner"/>.</summary>
    /// <remarks>
    /// Its steps are validated before any of them runs: when <see cref="IAgentRunner"/> is first resolved, or when
    /// the host starts. An invalid declaration, a <see cref="UseModelAttribute"/> id that is unknown or not
    /// registered, or needs no registered model meets throw <see cref="StepValidationException"/> naming the step
    /// and the fix.
    /// </remarks>
    public AgentFrameworkBuilder AddAgent<TAgent>()
        where TAgent : class
    {
        Services.AddSingleton(new AgentRegistration(typeof(TAgent)));
        Services.TryAddTransient<TAgent>();
        return this;
    }

    /// <summary>
    /// Registers an agent behind an interface: calls through <typeparamref name="TInterface"/> run each step
    /// method inside its step context. The step attributes may be written on the interface method, the class
    /// method or both (the class method's declarations take precedence; see <see cref="StepRequirements"/>).
    /// </summary>
    /// <remarks>
    /// Its steps are validated before any of them runs: on the first resolution of <typeparamref name="TInterface"/>
    /// or <see cref="IAgentRunner"/>, or when the host starts. Problems throw <see cref="StepValidationException"/>
    /// naming the step and the fix.
    /// </remarks>
    public AgentFrameworkBuilder AddAgent<TInterface, TAgent>()
        where TInterface : class
        where TAgent : class, TInterface
    {
        Services.AddSingleton(new AgentRegistration(typeof(TAgent)));
        Services.TryAddTransient<TAgent>();
        Services.TryAddTransient(sp =>
        {
            sp.GetRequiredService<StepBindingValidator>().ThrowIfInvalid();
            return AgentProxy.Create<TInterface>(sp.GetRequiredService<TAgent>());
        });
        return this;
    }

    /// <summary>Adds a middleware to every step's chat client pipeline.</summary>
    public AgentFrameworkBuilder AddStepMiddleware(IStepChatClientMiddleware middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        Services.AddSingleton(middleware);
        return this;
    }
}
