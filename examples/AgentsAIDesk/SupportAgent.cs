using System.ComponentModel;
using System.Globalization;
using AgentFramework;
using AgentFramework.Runtime;
using Microsoft.Extensions.AI;

namespace AgentsAIDesk;

/// <summary>
/// A small support agent. Each step declares what it needs; the router sends it to the cheapest registered model that
/// meets those needs, and the Microsoft Agent Framework agent sees each step as a tool it can call.
/// </summary>
public sealed class SupportAgent(IStepChatClient chat)
{
    [AgentStep(Description = "Label a support ticket as billing, shipping, technical or account")]
    [Requires(Capability.Classification, CapabilityLevel.Basic)]
    public Task<string> ClassifyAsync([Description("The ticket text, verbatim")] string ticket, CancellationToken cancellationToken = default) =>
        AskAsync("TASK classify: answer with exactly one label: billing, shipping, technical or account.", ticket, cancellationToken);

    [AgentStep(Description = "Extract the order number and product a ticket is about")]
    [Requires(Capability.Extraction)]
    [RequiresFeatures(ModelFeatures.StructuredOutput)]
    public Task<string> ExtractOrderAsync([Description("The ticket text, verbatim")] string ticket, CancellationToken cancellationToken = default) =>
        AskAsync("TASK extract: return order=<number>; product=<product or unknown>.", ticket, cancellationToken);

    [AgentStep(Description = "Decide whether a refund is owed under the 30-day refund policy")]
    [Requires(Capability.Reasoning, CapabilityLevel.Frontier)]
    public Task<string> DecideRefundAsync([Description("The ticket text, verbatim")] string ticket, CancellationToken cancellationToken = default) =>
        AskAsync("TASK refund: apply the policy (refunds within 30 days of purchase; duplicate charges always) and answer approve or deny with the reason.", ticket, cancellationToken);

    [AgentStep(Description = "Draft the reply to the customer from the ticket and the findings so far")]
    [Requires(Capability.Writing, CapabilityLevel.Advanced)]
    public Task<string> DraftReplyAsync(
        [Description("The ticket text, verbatim")] string ticket,
        [Description("What the other tools found, one per line")] string findings,
        CancellationToken cancellationToken = default) =>
        AskAsync("TASK draft: write a short, friendly reply that uses the findings.", $"Ticket: {ticket}\nFindings:\n{findings}", cancellationToken);

    /// <summary>A plain tool (no model): the order system.</summary>
    [Description("Look up the shipping status of an order in the order system")]
    public static string OrderStatus([Description("The order number, digits only")] string orderNumber)
    {
        var digits = new string(orderNumber.Where(char.IsAsciiDigit).ToArray());
        var n = int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
        string[] states = ["in transit, expected in 2 days", "delivered to the parcel locker", "held at customs", "awaiting pickup by the carrier"];
        return $"order {digits}: {states[n % states.Length]}";
    }

    private async Task<string> AskAsync(string task, string input, CancellationToken cancellationToken)
    {
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.System, task), new ChatMessage(ChatRole.User, input)], cancellationToken: cancellationToken);
        return response.Text.Trim();
    }
}

/// <summary>The agent's own model step, declared with attributes so the cost analyzer checks it like any step.</summary>
public static class DeskSteps
{
    /// <summary>The orchestrating agent's model calls: it must use tools reliably.</summary>
    [AgentStep(Name = "Desk.Handle", Description = "The desk agent's own model calls (tool calling and the final answer)")]
    [Requires(Capability.ToolUse, CapabilityLevel.Standard)]
    public static void Handle()
    {
    }
}
