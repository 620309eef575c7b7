using AgentFramework;
using AgentFramework.Catalog;
using AgentFramework.Ledger;
using AgentFramework.Routing;
using AgentFramework.Runtime;
using AgentFramework.SemanticKernel.ChatCompletion;
using AgentFramework.SemanticKernel.DependencyInjection;
using AgentFramework.SemanticKernel.Filters;
using AgentFramework.SemanticKernel.Selection;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers AgentFramework's Semantic Kernel hosting.</summary>
public static class AgentFrameworkKernelServiceCollectionExtensions
{
    /// <summary>
    /// Adds a Semantic Kernel (<c>AddKernel()</c>) whose chat calls go through AgentFramework's step pipeline:
    /// <see cref="AgentFrameworkChatCompletionService"/> as the chat service (and <see cref="IChatClient"/>),
    /// <see cref="StepContextFilter"/> as a function filter, and <see cref="CapabilityServiceSelector"/> as the
    /// service selector. Call <c>AddAgentFramework()</c> too, to register the models and agents.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddAgentFramework().AddModel("gpt-4.1-nano", nano).AddModel("o3", o3).AddAgent&lt;SupportAgent&gt;();
    /// services.AddAgentFrameworkKernel().Plugins.AddAgentPlugin&lt;SupportAgent&gt;();
    /// var kernel = provider.GetRequiredService&lt;Kernel&gt;();
    /// </code>
    /// </example>
    public static IKernelBuilder AddAgentFrameworkKernel(this IServiceCollection services, Action<AgentFrameworkKernelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddAgentFrameworkKernelServices(services, configure);
        return services.AddKernel();
    }

    /// <summary>
    /// Adds AgentFramework's chat service, step-context filter and service selector to a kernel builder's services
    /// (for <c>Kernel.CreateBuilder()</c> users). The builder's services must also hold <c>AddAgentFramework()</c>.
    /// </summary>
    public static IKernelBuilder AddAgentFramework(this IKernelBuilder builder, Action<AgentFrameworkKernelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddAgentFrameworkKernelServices(builder.Services, configure);
        return builder;
    }

    private static InvalidOperationException MissingRuntime() => new(
        "AgentFramework's Semantic Kernel hosting needs the AgentFramework runtime: call services.AddAgentFramework().AddModel(...) on the same service collection (for Kernel.CreateBuilder(), on builder.Services).");

    private static void AddAgentFrameworkKernelServices(IServiceCollection services, Action<AgentFrameworkKernelOptions>? configure)
    {
        var options = services.AddOptions<AgentFrameworkKernelOptions>().ValidateDataAnnotations().ValidateOnStart();
        var eager = new AgentFrameworkKernelOptions();
        if (configure is not null)
        {
            options.Configure(configure);
            configure(eager);
        }

        services.TryAddSingleton(sp => new AgentFrameworkChatCompletionService(
            sp.GetService<IStepChatClient>() ?? throw MissingRuntime(),
            sp,
            sp.GetRequiredService<IOptions<AgentFrameworkKernelOptions>>()));
        services.TryAddSingleton<IChatCompletionService>(sp => sp.GetRequiredService<AgentFrameworkChatCompletionService>());
        services.TryAddSingleton<IChatClient>(sp => sp.GetRequiredService<AgentFrameworkChatCompletionService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFunctionInvocationFilter, StepContextFilter>());
        services.TryAddSingleton(sp => new CapabilityServiceSelector(
            sp.GetService<ModelCatalog>() ?? throw MissingRuntime(),
            sp.GetRequiredService<ICostLedger>(),
            sp.GetRequiredService<IOptions<AgentFrameworkOptions>>(),
            sp.GetService<ModelRouter>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<CapabilityServiceSelector>>()));
        if (eager.UseCapabilitySelector)
        {
            services.TryAddSingleton<IAIServiceSelector>(sp => sp.GetRequiredService<CapabilityServiceSelector>());
        }
    }
}
