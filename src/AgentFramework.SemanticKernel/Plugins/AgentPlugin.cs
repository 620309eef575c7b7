using System.Collections.ObjectModel;
using System.Reflection;
using AgentFramework.Steps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace AgentFramework.SemanticKernel.Plugins;

/// <summary>
/// Turns an annotated agent into a Semantic Kernel plugin: every <see cref="AgentStepAttribute"/> method
/// (and every <see cref="KernelFunctionAttribute"/> method that carries AgentFramework attributes)
/// becomes a <see cref="KernelFunction"/> whose metadata carries its <see cref="StepRequirements"/>.
/// </summary>
/// <remarks>
/// <para>Names and descriptions come from the attributes: the function name is the
/// <see cref="KernelFunctionAttribute"/> name when given, else the method name without an <c>Async</c>
/// suffix; the description is <see cref="AgentStepAttribute.Description"/>, else the method's
/// <see cref="System.ComponentModel.DescriptionAttribute"/>. The step id (routing, cache scope,
/// ledger) stays the one <see cref="StepRequirements"/> resolves, so a step keeps its figures whether
/// it runs through <c>IAgentRunner</c> or through a kernel.</para>
/// <para>Other <see cref="KernelFunctionAttribute"/> methods of the agent are imported as ordinary kernel
/// functions with no step.</para>
/// </remarks>
public static class AgentPlugin
{
    private const BindingFlags Methods = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    /// <summary>
    /// Creates the plugin of <typeparamref name="TAgent"/>, resolving the agent from <paramref name="services"/>
    /// (or constructing it with its dependencies from there when it is not registered).
    /// </summary>
    /// <typeparam name="TAgent">The agent class (not an interface: the attributes live on the class's methods).</typeparam>
    /// <param name="services">Resolves the agent and its dependencies (typically <see cref="Kernel.Services"/>).</param>
    /// <param name="pluginName">The plugin name. <value>Defaults to the agent's type name.</value></param>
    /// <exception cref="ArgumentException">The agent declares no step and no kernel function.</exception>
    public static KernelPlugin Create<TAgent>(IServiceProvider services, string? pluginName = null)
        where TAgent : class
    {
        ArgumentNullException.ThrowIfNull(services);
        if (typeof(TAgent).IsInterface)
        {
            throw new ArgumentException(
                $"'{typeof(TAgent).Name}' is an interface; import the agent class that implements it (the step attributes are read from the class's methods).",
                nameof(TAgent));
        }

        var agent = ActivatorUtilities.GetServiceOrCreateInstance<TAgent>(services);
        return Create(agent, pluginName ?? typeof(TAgent).Name, services.GetService<ILoggerFactory>());
    }

    /// <summary>Creates the plugin of an existing agent instance.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="pluginName">The plugin name. <value>Defaults to the agent's type name.</value></param>
    /// <param name="loggerFactory">Logger factory for the functions, or <c>null</c>.</param>
    /// <exception cref="ArgumentException">The agent declares no step and no kernel function.</exception>
    public static KernelPlugin Create(object agent, string? pluginName = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var type = agent.GetType();
        var functions = CreateFunctions(agent, loggerFactory);
        if (functions.Count == 0)
        {
            throw new ArgumentException(
                $"'{type.FullName}' has no agent steps: mark step methods with [AgentStep] (or [KernelFunction] together with AgentFramework attributes such as [Requires]).",
                nameof(agent));
        }

        return KernelPluginFactory.CreateFromFunctions(pluginName ?? type.Name, functions);
    }

    /// <summary>Creates one kernel function per step (and per other kernel function) of <paramref name="agent"/>.</summary>
    public static IReadOnlyList<KernelFunction> CreateFunctions(object agent, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var result = new List<KernelFunction>();
        foreach (var method in agent.GetType().GetMethods(Methods).OrderBy(m => m.MetadataToken))
        {
            var kernelFunction = method.GetCustomAttribute<KernelFunctionAttribute>();
            var isStep = IsStep(method);
            if (!isStep && kernelFunction is null)
            {
                continue;
            }

            var options = new KernelFunctionFromMethodOptions
            {
                FunctionName = string.IsNullOrWhiteSpace(kernelFunction?.Name) ? null : kernelFunction!.Name,
                Description = isStep ? StepRequirements.For(method).Description : null,
                LoggerFactory = loggerFactory,
                AdditionalMetadata = isStep ? new ReadOnlyDictionary<string, object?>(AgentFunctionMetadata.For(method, StepRequirements.For(method))) : null,
            };
            result.Add(KernelFunctionFactory.CreateFromMethod(method, method.IsStatic ? null : agent, options));
        }

        return result;
    }

    /// <summary>
    /// True when <paramref name="method"/> is an agent step: it (or the interface method it implements) carries
    /// <see cref="AgentStepAttribute"/>, or it is a <see cref="KernelFunctionAttribute"/> method that carries any
    /// AgentFramework attribute, on itself, its interface method or its class. The rule is
    /// <see cref="StepRequirements.IsStep(MethodInfo)"/>, the one the analyzer applies too.
    /// </summary>
    public static bool IsStep(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return StepRequirements.IsStep(method);
    }
}
