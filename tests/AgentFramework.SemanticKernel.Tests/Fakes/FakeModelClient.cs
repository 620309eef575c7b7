using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AgentFramework.SemanticKernel.Tests.Fakes;

/// <summary>
/// A fake for a paid chat endpoint (none is reachable here): answers from a script, counts calls and
/// keeps every request so tests can assert what reached the "upstream" model.
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

    /// <summary>A client that answers "text" for every request.</summary>
    public static FakeModelClient Answering(string modelId, string text) =>
        new(modelId, (_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, text)));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        lock (_gate)
        {
            _requests.Add((list, options));
        }

        var response = _respond(list, options);
        response.Usage ??= new UsageDetails { InputTokenCount = 100, OutputTokenCount = 20 };
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
}
