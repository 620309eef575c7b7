using System.Runtime.CompilerServices;
using AgentFramework.Catalog;
using AgentFramework.Ledger;
using Microsoft.Extensions.AI;

namespace SupportDesk.Offline;

/// <summary>
/// OFFLINE STAND-IN for a paid model: plays catalog model <see cref="Model"/> without any network.
/// Answers are deterministic functions of the prompt (<see cref="SupportDeskResponder"/>); token
/// counts come from the real o200k tokenizer and are reported as <see cref="UsageDetails"/>, so the
/// ledger prices the call with the model's catalog prices; latency follows <see cref="StandInLatency"/>.
/// </summary>
public sealed class OfflineStandInChatClient : IChatClient
{
    private readonly ITokenCounter _tokens;
    private readonly StandInLatency _latency;
    private readonly ChatClientMetadata _metadata;
    private long _calls;
    private long _simulatedTicks;

    /// <summary>Creates a stand-in for <paramref name="model"/>.</summary>
    public OfflineStandInChatClient(ModelCard model, ITokenCounter tokens, StandInLatency latency)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(latency);
        Model = model;
        _tokens = tokens;
        _latency = latency;
        _metadata = new ChatClientMetadata("offline-stand-in", providerUri: null, defaultModelId: model.Id);
    }

    /// <summary>The catalog model this stand-in plays.</summary>
    public ModelCard Model { get; }

    /// <summary>Calls answered so far.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Total simulated (unscaled) model time of the calls answered so far.</summary>
    public TimeSpan SimulatedTime => TimeSpan.FromTicks(Interlocked.Read(ref _simulatedTicks));

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var answer = SupportDeskResponder.Answer(list);
        var input = _tokens.CountTokens(list);
        var output = _tokens.CountTokens(answer);
        var delay = _latency.Delay(Model, output);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _simulatedTicks, StandInLatency.Simulated(Model, output).Ticks);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))
        {
            ModelId = Model.Id,
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output },
        };
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
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(ChatClientMetadata) ? _metadata : serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing to release: no connection, no model in memory.
    }
}
