using System.ComponentModel;
using AgentFramework.Runtime;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace AgentFramework.SemanticKernel.Tests.Fakes;

/// <summary>An annotated agent whose steps need clearly different models.</summary>
public sealed class TriageAgent(IStepChatClient chat)
{
    [AgentStep(Description = "Label a ticket as billing, shipping, technical or legal")]
    [Requires(Capability.Classification, CapabilityLevel.Basic)]
    public async Task<string> ClassifyAsync(string ticket, [CacheScope] string tenantId, CancellationToken cancellationToken = default)
    {
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.System, "Answer with one label."), new ChatMessage(ChatRole.User, ticket)], cancellationToken: cancellationToken);
        return response.Text;
    }

    [AgentStep("Triage.Decide", Description = "Decide whether a refund is owed under the policy")]
    [Requires(Capability.Reasoning, CapabilityLevel.Advanced)]
    public async Task<string> DecideRefundAsync(string ticket, CancellationToken cancellationToken = default)
    {
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, ticket)], cancellationToken: cancellationToken);
        return response.Text;
    }

    [KernelFunction("summarize")]
    [Description("Summarize a support thread")]
    [Requires(Capability.Summarization, CapabilityLevel.Basic)]
    [UseModel("gpt-4.1-nano")]
    public async Task<string> SummarizeThreadAsync(string thread, [CacheKey] string language)
    {
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, $"Summarize in {language}: {thread}")]);
        return response.Text;
    }

    [KernelFunction]
    [Description("Look up the status of an order")]
    public static string OrderStatus(string orderId) => $"Order {orderId}: shipped";

    public string NotAFunction() => "ignored";
}

/// <summary>An agent with nothing to import.</summary>
public sealed class EmptyAgent
{
    public string Hello() => "hi";
}
