using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AgentFramework.Hosting.AgentsAI.Tests.Fakes;

/// <summary>
/// A fake for a paid chat endpoint (none is reachable here): answers from a script, counts calls and keeps every
/// request so tests can assert what reached the "upstream" model.
/// </summary>
internal sealed class FakeModelClient : IChatClient
{
    private readonly Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> _respond;
    private readonly List<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> _requests = [];
    private readonly object _gate = new();

    public FakeModelClient(string modelId, Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse>? respond = null)
    {
        ModelId = modelId;
        _respond = respond ?? ((messages, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, $"[{modelId}] {messages.LastOrDefault()?.Text}")));
    }

    public string ModelId { get; }

    public int Calls
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count;
            }
        }
    }

    public IReadOnlyList<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        lock (_gate)
        {
            _requests.Add((list, options));
        }

        var response = _respond(list, options);
        response.Usage ??= new UsageDetails { InputTokenCount = 100, OutputTokenCount = 20 };
        response.ModelId ??= ModelId;
        return Task.FromResult(response);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            await Task.Yield();
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        if (serviceKey is null && serviceType == typeof(ChatClientMetadata))
        {
            return new ChatClientMetadata("fake", new Uri("http://fake.invalid/"), ModelId);
        }

        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
    }

    /// <summary>
    /// The orchestrating "model": while the request offers tools, it asks for each of <paramref name="tools"/> in turn
    /// (passing the ticket, the first user message), then answers with the tools' results.
    /// </summary>
    public static Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> Orchestrating(params string[] tools) => (messages, options) =>
    {
        var ticket = messages.Last(m => m.Role == ChatRole.User).Text;
        var results = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().ToList();
        if (options?.Tools is { Count: > 0 } && results.Count < tools.Length)
        {
            var name = tools[results.Count];
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent($"call-{results.Count}", name, new Dictionary<string, object?> { ["ticket"] = ticket })]))
            {
                FinishReason = ChatFinishReason.ToolCalls,
            };
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, "done: " + string.Join(" | ", results.Select(r => r.Result?.ToString()))))
        {
            FinishReason = ChatFinishReason.Stop,
        };
    };
}
