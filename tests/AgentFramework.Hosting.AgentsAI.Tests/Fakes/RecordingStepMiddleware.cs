using System.Runtime.CompilerServices;
using AgentFramework.Runtime;
using AgentFramework.Steps;
using Microsoft.Extensions.AI;

namespace AgentFramework.Hosting.AgentsAI.Tests.Fakes;

/// <summary>
/// A step middleware outside the cache (order 50 &lt; the cache's 100) that records every call reaching a step
/// pipeline: the pipeline's step, the step context current then (what the cache keys on), and the cache outcome and
/// reason written on the response.
/// </summary>
internal sealed class RecordingStepMiddleware : IStepChatClientMiddleware
{
    private readonly List<Seen> _seen = [];

    public int Order => 50;

    public IReadOnlyList<Seen> Calls
    {
        get
        {
            lock (_seen)
            {
                return _seen.ToList();
            }
        }
    }

    public IReadOnlyList<Seen> For(string stepId) => Calls.Where(c => c.PipelineStepId == stepId).ToList();

    public IChatClient Wrap(IChatClient inner, StepRequirements step) => new Recorder(inner, step, this);

    private void Add(Seen seen)
    {
        lock (_seen)
        {
            _seen.Add(seen);
        }
    }

    internal sealed record Seen(string PipelineStepId, string? CurrentStepId, string? TenantScope, string? ConversationId, string? Outcome, string? Reason);

    private sealed class Recorder(IChatClient inner, StepRequirements step, RecordingStepMiddleware owner) : DelegatingChatClient(inner)
    {
        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var current = StepContext.Current;
            var response = await base.GetResponseAsync(messages, options, cancellationToken);
            owner.Add(new Seen(step.StepId, current?.StepId, current?.TenantScope, current?.ConversationId, Property(response.AdditionalProperties, "agentframework.cache.outcome"), Property(response.AdditionalProperties, "agentframework.cache.reason")));
            return response;
        }

        public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var current = StepContext.Current;
            string? outcome = null;
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                outcome ??= Property(update.AdditionalProperties, "agentframework.cache.outcome");
                yield return update;
            }

            owner.Add(new Seen(step.StepId, current?.StepId, current?.TenantScope, current?.ConversationId, outcome, null));
        }

        private static string? Property(AdditionalPropertiesDictionary? properties, string key) =>
            properties is not null && properties.TryGetValue(key, out var value) ? value?.ToString() : null;
    }
}
