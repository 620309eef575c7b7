using AgentFramework.Hosting.AgentsAI.ChatClients;
using AgentFramework.Hosting.AgentsAI.Tools;
using Microsoft.Extensions.AI;

namespace AgentFramework.Hosting.AgentsAI.DependencyInjection;

/// <summary>
/// Describes a <c>ChatClientAgent</c> whose model calls go through AgentFramework (see <see cref="StepRoutedChatClient"/>)
/// and whose tools may be agent steps (see <see cref="AgentStepFunction"/>).
/// </summary>
public sealed class StepRoutedAgentOptions
{
    private readonly List<Func<IServiceProvider, IEnumerable<AITool>>> _tools = [];

    /// <summary>The agent's name. <value>Defaults to <c>null</c>.</value></summary>
    public string? Name { get; set; }

    /// <summary>The agent's description. <value>Defaults to <c>null</c>.</value></summary>
    public string? Description { get; set; }

    /// <summary>The agent's system instructions. <value>Defaults to <c>null</c>.</value></summary>
    public string? Instructions { get; set; }

    /// <summary>The step and conversation settings of the agent's own model calls.</summary>
    public StepRoutedChatClientOptions Chat { get; } = new();

    /// <summary>Adds every <see cref="AgentStepAttribute"/> method of <typeparamref name="TAgent"/> as a tool (see <see cref="AgentStepFunctions"/>).</summary>
    public StepRoutedAgentOptions AddStepTools<TAgent>()
        where TAgent : class
    {
        _tools.Add(sp => AgentStepFunctions.Create<TAgent>(sp));
        return this;
    }

    /// <summary>Adds a plain tool (e.g. <c>AIFunctionFactory.Create(...)</c>); it runs in no step of its own.</summary>
    public StepRoutedAgentOptions AddTool(AITool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        _tools.Add(_ => [tool]);
        return this;
    }

    internal List<AITool> CreateTools(IServiceProvider services) => _tools.SelectMany(f => f(services)).ToList();
}
