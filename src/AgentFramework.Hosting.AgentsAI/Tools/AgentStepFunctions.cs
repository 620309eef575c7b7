using System.Reflection;
using AgentFramework.Steps;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Hosting.AgentsAI.Tools;

/// <summary>
/// Turns an annotated agent class into tools for a Microsoft Agent Framework agent: every
/// <see cref="AgentStepAttribute"/> method becomes an <see cref="AgentStepFunction"/>.
/// </summary>
/// <remarks>
/// <para>The tool name is the method name without an <c>Async</c> suffix (tool names may not contain the dot of a
/// step id); the description is <see cref="AgentStepAttribute.Description"/>, else the method's
/// <see cref="System.ComponentModel.DescriptionAttribute"/>. The step id (routing, cache scope, ledger) stays the
/// one <see cref="StepRequirements"/> resolves, so a step keeps its figures whether it runs through
/// <c>IAgentRunner</c>, a Semantic Kernel plugin or a <c>ChatClientAgent</c>.</para>
/// <para>Methods without <see cref="AgentStepAttribute"/> are not offered; add plain tools with
/// <c>AIFunctionFactory.Create</c>.</para>
/// </remarks>
/// <example>
/// <code>
/// var tools = AgentStepFunctions.Create&lt;SupportAgent&gt;(provider);
/// var agent = new ChatClientAgent(chatClient, instructions: "...", tools: [.. tools]);
/// </code>
/// </example>
public static class AgentStepFunctions
{
    private const BindingFlags Methods = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static;

    /// <summary>The step tools of <typeparamref name="TAgent"/>, resolved from <paramref name="services"/> (or constructed with its dependencies from there).</summary>
    /// <typeparam name="TAgent">The agent class (not an interface: the attributes live on the class's methods).</typeparam>
    /// <exception cref="ArgumentException">The agent is an interface or declares no step.</exception>
    public static IReadOnlyList<AgentStepFunction> Create<TAgent>(IServiceProvider services)
        where TAgent : class
    {
        ArgumentNullException.ThrowIfNull(services);
        if (typeof(TAgent).IsInterface)
        {
            throw new ArgumentException(
                $"'{typeof(TAgent).Name}' is an interface; pass the agent class that implements it (the step attributes are read from the class's methods).",
                nameof(TAgent));
        }

        return Create(ActivatorUtilities.GetServiceOrCreateInstance<TAgent>(services));
    }

    /// <summary>The step tools of an existing agent instance.</summary>
    /// <exception cref="ArgumentException">The agent declares no step.</exception>
    public static IReadOnlyList<AgentStepFunction> Create(object agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var result = new List<AgentStepFunction>();
        foreach (var method in agent.GetType().GetMethods(Methods).OrderBy(m => m.MetadataToken))
        {
            if (!method.IsDefined(typeof(AgentStepAttribute), inherit: true))
            {
                continue;
            }

            var step = StepRequirements.For(method);
            var options = new AIFunctionFactoryOptions
            {
                Name = ToolName(method),
                Description = method.GetCustomAttribute<AgentStepAttribute>()?.Description
                    ?? method.GetCustomAttribute<System.ComponentModel.DescriptionAttribute>()?.Description,
                AdditionalProperties = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    [StepIdProperty] = step.StepId,
                },
            };
            result.Add(new AgentStepFunction(AIFunctionFactory.Create(method, method.IsStatic ? null : agent, options), method, step));
        }

        if (result.Count == 0)
        {
            throw new ArgumentException($"'{agent.GetType().FullName}' has no agent steps: mark step methods with [AgentStep].", nameof(agent));
        }

        return result;
    }

    /// <summary>The key of <c>AIFunction.AdditionalProperties</c> that holds a step tool's step id.</summary>
    public const string StepIdProperty = "agentframework.step_id";

    private static string ToolName(MethodInfo method) =>
        method.Name.EndsWith("Async", StringComparison.Ordinal) && method.Name.Length > 5 ? method.Name[..^5] : method.Name;
}
