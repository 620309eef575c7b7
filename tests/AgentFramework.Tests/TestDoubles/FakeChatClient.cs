using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AgentFramework.Tests.TestDoubles;

/// <summary>A scripted stand-in for a paid model endpoint (none is reachable from tests).</summary>
internal sealed class FakeChatClient(string name, Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse>? respond = null, bool streamUsage = true) : IChatClient
{
    private int _calls;

    public string Name { get; } = name;

    public int Calls => _calls;

    public ChatOptions? LastOptions { get; private set; }

    public Exception? FailWith { get; set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        LastOptions = options;
        if (FailWith is not null)
        {
            throw FailWith;
        }

        var list = messages.ToList();
        return Task.FromResult(respond?.Invoke(list, options) ?? new ChatResponse(new ChatMessage(ChatRole.Assistant, $"{Name}: {list.Last().Text}"))
        {
            Usage = new UsageDetails { InputTokenCount = 1000, OutputTokenCount = 100 },
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        LastOptions = options;
        await Task.Yield();
        if (FailWith is not null)
        {
            throw FailWith;
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, Name + ": ");
        yield return new ChatResponseUpdate(ChatRole.Assistant, "streamed");
        if (streamUsage)
        {
            yield return new ChatResponseUpdate { Contents = [new UsageContent(new UsageDetails { InputTokenCount = 500, OutputTokenCount = 50 })] };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("fake", defaultModelId: Name) : null;

    public void Dispose()
    {
    }
}
