using System.Runtime.CompilerServices;
using AgentFramework.Runtime;
using AgentFramework.Steps;
using Microsoft.Extensions.AI;

namespace AgentFramework.SemanticKernel.Tests.Fakes;

/// <summary>
/// A step middleware that records every call reaching a step pipeline: which step the pipeline belongs to,
/// and the step context current when the call arrives (what a cache would key on).
/// </summary>
internal sealed class RecordingStepMiddleware : IStepChatClientMiddleware
{
    private readonly List<Seen> _seen = [];

    public int Order => 100;

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

    public IChatClient Wrap(IChatClient inner, StepRequirements step) => new Recorder(inner, step, this);

    private void Add(Seen seen)
    {
        lock (_seen)
        {
            _seen.Add(seen);
        }
    }

    internal sealed record Seen(string PipelineStepId, string? CurrentStepId, string? TenantScope, IReadOnlyDictionary<string, string>? ScopeValues, bool Streaming);

    private sealed class Recorder(IChatClient inner, StepRequirements step, RecordingStepMiddleware owner) : DelegatingChatClient(inner)
    {
        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var current = StepContext.Current;
            owner.Add(new Seen(step.StepId, current?.StepId, current?.TenantScope, current?.ScopeValues, false));
            return base.GetResponseAsync(messages, options, cancellationToken);
        }

        public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var current = StepContext.Current;
            owner.Add(new Seen(step.StepId, current?.StepId, current?.TenantScope, current?.ScopeValues, true));
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                yield return update;
            }
        }
    }
}
