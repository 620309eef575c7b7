using System.Net;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using AgentFramework.Ledger;
using Microsoft.Extensions.AI;

namespace ExampleDesks;

/// <summary>
/// OFFLINE STAND-IN for a paid model endpoint, so the example runs with no key and no server. It is NOT a
/// language model: it answers deterministically with simple rules and plays the orchestrator by asking for
/// the agent's tools in a fixed order. It reports usage as a provider would, counted with a real tokenizer
/// (o200k_base), so the ledger prices it from the catalog. Routing, the cache, the embedding model and the
/// ledger around it are the real ones. Replace it with a real client to go live (see README.md).
/// </summary>
public sealed partial class OfflineStandInChatClient(string modelId, ITokenCounter tokens) : IChatClient
{
    private int _calls;

    /// <summary>The catalog model this stand-in plays.</summary>
    public string ModelId { get; } = modelId;

    /// <summary>Upstream calls this "model" received.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        var list = messages.ToList();
        var message = options?.Tools is { Count: > 0 } tools ? Orchestrate(list, tools.OfType<AIFunction>().ToList()) : new ChatMessage(ChatRole.Assistant, Answer(list));
        var output = message.Text.Length > 0 ? message.Text : string.Join(" ", message.Contents.OfType<FunctionCallContent>().Select(c => c.Name + System.Text.Json.JsonSerializer.Serialize(c.Arguments)));
        var usage = new UsageDetails { InputTokenCount = tokens.CountTokens(list), OutputTokenCount = tokens.CountTokens(output) };
        usage.TotalTokenCount = usage.InputTokenCount + usage.OutputTokenCount;
        return Task.FromResult(new ChatResponse(message) { ModelId = ModelId, FinishReason = message.Text.Length > 0 ? ChatFinishReason.Stop : ChatFinishReason.ToolCalls, Usage = usage });
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("offline-stand-in", null, ModelId)
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    // The orchestrator: one tool call per round trip, then the drafted reply as the final answer.
    private static ChatMessage Orchestrate(List<ChatMessage> messages, List<AIFunction> tools)
    {
        var ticket = WebUtility.HtmlDecode(messages.First(m => m.Role == ChatRole.User).Text);
        var at = ticket.IndexOf("Ticket:", StringComparison.Ordinal);
        ticket = (at >= 0 ? ticket[(at + 7)..] : ticket).Trim();

        var calls = messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToDictionary(c => c.CallId, c => c.Name);
        var results = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>()
            .Select(r => (Tool: Short(calls.GetValueOrDefault(r.CallId, "?")), Text: r.Result?.ToString() ?? string.Empty))
            .ToList();
        string? Result(string tool) => results.FirstOrDefault(r => r.Tool == tool).Text;

        var order = OrderNumber().Match(ticket);
        var label = Result("Classify");
        if (label is null)
        {
            return Call(tools, "Classify", new() { ["ticket"] = ticket });
        }

        if (order.Success && Result("ExtractOrder") is null)
        {
            return Call(tools, "ExtractOrder", new() { ["ticket"] = ticket });
        }

        if (order.Success && label.Contains("shipping", StringComparison.Ordinal) && Result("OrderStatus") is null)
        {
            return Call(tools, "OrderStatus", new() { ["orderNumber"] = order.Groups[1].Value });
        }

        if (label.Contains("billing", StringComparison.Ordinal) && ticket.Contains("refund", StringComparison.OrdinalIgnoreCase) && Result("DecideRefund") is null)
        {
            return Call(tools, "DecideRefund", new() { ["ticket"] = ticket });
        }

        if (Result("DraftReply") is not { } draft)
        {
            var findings = string.Join("\n", results.Select(r => $"{r.Tool}: {r.Text.Trim('"')}"));
            return Call(tools, "DraftReply", new() { ["ticket"] = ticket, ["findings"] = findings });
        }

        return new ChatMessage(ChatRole.Assistant, draft.Trim('"'));
    }

    private static ChatMessage Call(List<AIFunction> tools, string tool, Dictionary<string, object?> arguments)
    {
        var function = tools.FirstOrDefault(t => Short(t.Name) == tool)
            ?? throw new InvalidOperationException($"The offline orchestrator needs a tool named '{tool}'; offered: {string.Join(", ", tools.Select(t => t.Name))}.");
        return new ChatMessage(ChatRole.Assistant, [new FunctionCallContent($"call-{tool}-{arguments.Count}", function.Name, arguments)]);
    }

    private static string Short(string toolName) => toolName[(Math.Max(toolName.LastIndexOf('-'), toolName.LastIndexOf('_')) + 1)..];

    // The agent steps: each system prompt names its task.
    private static string Answer(List<ChatMessage> messages)
    {
        var task = messages.FirstOrDefault(m => m.Role == ChatRole.System)?.Text ?? string.Empty;
        var input = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;
        var lower = input.ToLowerInvariant();
        if (task.StartsWith("TASK classify", StringComparison.Ordinal))
        {
            return lower.Contains("charged", StringComparison.Ordinal) || lower.Contains("refund", StringComparison.Ordinal) ? "billing"
                : lower.Contains("parcel", StringComparison.Ordinal) || lower.Contains("arrived", StringComparison.Ordinal) ? "shipping"
                : lower.Contains("crash", StringComparison.Ordinal) || lower.Contains("app", StringComparison.Ordinal) ? "technical"
                : "account";
        }

        if (task.StartsWith("TASK extract", StringComparison.Ordinal))
        {
            var order = OrderNumber().Match(input);
            var product = lower.Contains("headphones", StringComparison.Ordinal) ? "headphones" : lower.Contains("parcel", StringComparison.Ordinal) ? "parcel" : "unknown";
            return $"order={(order.Success ? order.Groups[1].Value : "none")}; product={product}";
        }

        if (task.StartsWith("TASK refund", StringComparison.Ordinal))
        {
            if (lower.Contains("charged twice", StringComparison.Ordinal) || lower.Contains("duplicate", StringComparison.Ordinal))
            {
                return "approve: duplicate charges are always refunded";
            }

            var days = DaysAgo().Match(lower);
            return days.Success && int.Parse(days.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 30
                ? $"deny: purchased {days.Groups[1].Value} days ago, outside the 30-day window"
                : "approve: within the 30-day window";
        }

        if (task.StartsWith("TASK draft", StringComparison.Ordinal))
        {
            var findings = input.Split('\n').SkipWhile(l => !l.StartsWith("Findings:", StringComparison.Ordinal)).Skip(1).Where(l => l.Length > 0);
            return "Hello, thank you for contacting us. " + string.Join(" ", findings.Select(f => f.Trim() + ".")) + " Kind regards, the support team.";
        }

        return "I can help with that.";
    }

    [GeneratedRegex(@"#\s?(\d{3,})")]
    private static partial Regex OrderNumber();

    [GeneratedRegex(@"(\d+)\s+days\s+ago")]
    private static partial Regex DaysAgo();
}
