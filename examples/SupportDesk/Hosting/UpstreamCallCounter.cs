using System.Collections.Concurrent;
using AgentFramework.Runtime;
using AgentFramework.Steps;
using Microsoft.Extensions.AI;

namespace SupportDesk.Hosting;

/// <summary>
/// Counts calls independently of the ledger, at two places: per step just inside the cache (calls
/// the cache let through to the router), and per model at the model clients (calls a model
/// actually received). The run checks both against the ledger, and that every cache hit avoided a call.
/// </summary>
/// <remarks>
/// The step count comes from the step pipeline, not from <see cref="StepContext.Current"/>: the cache
/// may run the upstream call on another execution context (its stampede protection shares one
/// call between concurrent callers), where the ambient step is not visible.
/// </remarks>
public sealed class UpstreamCallCounter : IStepChatClientMiddleware
{
    private readonly ConcurrentDictionary<string, long> _byStep = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _byModel = new(StringComparer.Ordinal);

    /// <summary>Innermost: after the cache (100), right in front of the router.</summary>
    public int Order => 10_000;

    /// <summary>Calls per step id that passed the cache.</summary>
    public IReadOnlyDictionary<string, long> ByStep => _byStep;

    /// <summary>Calls per model id that reached a model client.</summary>
    public IReadOnlyDictionary<string, long> ByModel => _byModel;

    /// <summary>All calls that reached a model client.</summary>
    public long ModelCalls => _byModel.Values.Sum();

    /// <summary>Calls of <paramref name="stepId"/> that passed the cache so far.</summary>
    public long For(string stepId) => _byStep.GetValueOrDefault(stepId);

    /// <inheritdoc />
    public IChatClient Wrap(IChatClient inner, StepRequirements step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new CountingChatClient(inner, () => _byStep.AddOrUpdate(step.StepId, 1, (_, n) => n + 1));
    }

    /// <summary>Wraps the client of model <paramref name="modelId"/> so the calls it receives are counted.</summary>
    public IChatClient WrapModel(string modelId, IChatClient inner) =>
        new CountingChatClient(inner, () => _byModel.AddOrUpdate(modelId, 1, (_, n) => n + 1));

    private sealed class CountingChatClient(IChatClient inner, Action count) : DelegatingChatClient(inner)
    {
        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            count();
            return base.GetResponseAsync(messages, options, cancellationToken);
        }

        public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            count();
            return base.GetStreamingResponseAsync(messages, options, cancellationToken);
        }
    }
}
