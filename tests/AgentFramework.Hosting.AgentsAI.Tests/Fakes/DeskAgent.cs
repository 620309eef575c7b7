using System.ComponentModel;
using AgentFramework.Runtime;
using Microsoft.Extensions.AI;

namespace AgentFramework.Hosting.AgentsAI.Tests.Fakes;

/// <summary>An annotated agent whose steps need clearly different models.</summary>
public sealed class DeskAgent(IStepChatClient chat)
{
    [AgentStep(Description = "Label a ticket as billing, shipping, technical or account")]
    [Requires(Capability.Classification, CapabilityLevel.Basic)]
    public Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default) => AskAsync("Answer with one label.", ticket, cancellationToken);

    [AgentStep(Description = "Decide whether a refund is owed")]
    [Requires(Capability.Reasoning, CapabilityLevel.Frontier)]
    public Task<string> DecideRefundAsync(string ticket, CancellationToken cancellationToken = default) => AskAsync("Apply the refund policy.", ticket, cancellationToken);

    [AgentStep(Description = "Label a ticket for one customer account")]
    [Requires(Capability.Classification, CapabilityLevel.Basic)]
    public Task<string> ClassifyForAsync(string ticket, [CacheScope] string account, CancellationToken cancellationToken = default) => AskAsync("Answer with one label.", ticket, cancellationToken);

    [AgentStep(Description = "Send the reply to the customer")]
    [Requires(Capability.Writing, CapabilityLevel.Basic)]
    [HasSideEffects]
    public Task<string> SendReplyAsync(string ticket, CancellationToken cancellationToken = default) => AskAsync("Write and send the reply.", ticket, cancellationToken);

    [Description("Not a step: never offered as a step tool")]
    public static string OrderStatus(string orderId) => $"order {orderId}: shipped";

    private async Task<string> AskAsync(string task, string input, CancellationToken cancellationToken)
    {
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.System, task), new ChatMessage(ChatRole.User, input)], cancellationToken: cancellationToken);
        return response.Text;
    }
}

/// <summary>The agent's own model step, declared with attributes (what the cost analyzer checks at build time).</summary>
public static class DeskDeclarations
{
    [AgentStep(Name = "Desk.Handle")]
    [Requires(Capability.ToolUse, CapabilityLevel.Standard)]
    public static void Handle()
    {
    }
}

/// <summary>An agent with no step.</summary>
public sealed class NoStepAgent
{
    public string Hello() => "hi";
}
