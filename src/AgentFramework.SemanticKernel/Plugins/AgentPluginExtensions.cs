using AgentFramework.SemanticKernel.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.SemanticKernel;

/// <summary>Imports AgentFramework agents into a <see cref="Kernel"/> or a kernel builder.</summary>
public static class AgentPluginExtensions
{
    /// <summary>
    /// Creates the plugin of <typeparamref name="TAgent"/> (see <see cref="AgentPlugin"/>) with the agent resolved from
    /// <paramref name="services"/> (default: the kernel's services) and adds it to the kernel.
    /// </summary>
    /// <example>
    /// <code>
    /// kernel.ImportAgentPlugin&lt;SupportAgent&gt;();
    /// var label = await kernel.InvokeAsync("SupportAgent", "Classify", new() { ["ticket"] = text });
    /// </code>
    /// </example>
    public static KernelPlugin ImportAgentPlugin<TAgent>(this Kernel kernel, string? pluginName = null, IServiceProvider? services = null)
        where TAgent : class
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var plugin = AgentPlugin.Create<TAgent>(services ?? kernel.Services, pluginName);
        kernel.Plugins.Add(plugin);
        return plugin;
    }

    /// <summary>Adds the plugin of <typeparamref name="TAgent"/> to a kernel builder's plugins; the agent is resolved from the kernel's services.</summary>
    public static IKernelBuilderPlugins AddAgentPlugin<TAgent>(this IKernelBuilderPlugins plugins, string? pluginName = null)
        where TAgent : class
    {
        ArgumentNullException.ThrowIfNull(plugins);
        plugins.Services.AddSingleton(sp => AgentPlugin.Create<TAgent>(sp, pluginName));
        return plugins;
    }
}
