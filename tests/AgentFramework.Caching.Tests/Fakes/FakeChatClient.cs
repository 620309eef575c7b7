using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AgentFramework.Caching.Tests.Fakes;

/// <summary>A stand-in for a paid model endpoint (unreachable here): counts calls and answers from a delegate.</summary>
internal sealed class FakeChatClient : IChatClient
{
    private int _calls;

    public Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> Respond { get; set; } =
        (messages, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "answer to: " + messages[^1].Text))
        {
            FinishReason = ChatFinishReason.Stop,
            ModelId = "gpt-4.1-mini",
            Usage = new UsageDetails { InputTokenCount = 1000, OutputTokenCount = 500 },
        };

    /// <summary>Awaited before answering (to hold a miss open while others pile up).</summary>
    public Task Gate { get; set; } = Task.CompletedTask;

    public Exception? Throw { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        await Gate.WaitAsync(cancellationToken);
        if (Throw is not null)
        {
            throw Throw;
        }

        return Respond(messages.ToList(), options);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        await Gate.WaitAsync(cancellationToken);
        var response = Respond(messages.ToList(), options);
        var updates = response.ToChatResponseUpdates();
        for (var i = 0; i < updates.Length; i++)
        {
            if (Throw is not null && i == updates.Length - 1)
            {
                throw Throw;
            }

            yield return updates[i];
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("fake", null, "gpt-4.1-mini") : null;

    public void Dispose()
    {
    }
}
