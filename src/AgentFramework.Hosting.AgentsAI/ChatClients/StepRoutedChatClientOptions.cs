using System.ComponentModel.DataAnnotations;
using AgentFramework.Steps;

namespace AgentFramework.Hosting.AgentsAI.ChatClients;

/// <summary>Options of <see cref="StepRoutedChatClient"/>: the step a Microsoft Agent Framework agent's model calls run as.</summary>
public sealed class StepRoutedChatClientOptions
{
    /// <summary>
    /// The step every call runs as (declared needs, bound model, cache policy). Build it with
    /// <c>AgentModelStep.Create</c> or read it from a
    /// method's attributes with <see cref="AgentModelStep.From(System.Reflection.MethodInfo)"/>.
    /// <value>Defaults to <c>null</c>: the step current when the agent runs (e.g. an <see cref="AgentStepAttribute"/>
    /// method that calls <c>agent.RunAsync</c>), else a step named <see cref="DefaultStepId"/> with no declared needs.</value>
    /// </summary>
    public StepRequirements? Step { get; set; }

    /// <summary>
    /// The step id of calls made outside any step when <see cref="Step"/> is not set.
    /// <value>Defaults to <c>"AgentsAI.Chat"</c>.</value>
    /// </summary>
    [Required]
    public string DefaultStepId { get; set; } = "AgentsAI.Chat";

    /// <summary>
    /// How calls that continue a conversation kept in the session are cached.
    /// <value>Defaults to <see cref="ConversationCaching.Bypass"/>.</value>
    /// </summary>
    public ConversationCaching ContinuedConversations { get; set; } = ConversationCaching.Bypass;
}
