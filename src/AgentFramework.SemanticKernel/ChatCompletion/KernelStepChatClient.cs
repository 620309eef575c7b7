using System.Runtime.CompilerServices;
using AgentFramework.Runtime;
using AgentFramework.SemanticKernel.Filters;
using AgentFramework.Steps;
using Microsoft.Extensions.AI;

namespace AgentFramework.SemanticKernel.ChatCompletion;

/// <summary>
/// The <see cref="IChatClient"/> behind AgentFramework's Semantic Kernel chat service: sends each call to the
/// step pipeline (<see cref="IStepChatClient.ForStep"/>: step middlewares such as the semantic cache in front
/// of the capability router) of the step the call belongs to.
/// </summary>
/// <remarks>
/// The step is, in order: the step this client is bound to (by the service selector or
/// <see cref="AgentFrameworkChatCompletionService.ForStep(StepRequirements)"/>), the current
/// <see cref="StepContext"/>, or the configured default step. The step is made current for the duration of
/// the call (and around every streamed chunk) so that the cache sees its tenant and key scope.
/// </remarks>
internal sealed class KernelStepChatClient : IChatClient
{
    private readonly IStepChatClient _steps;
    private readonly StepContext? _bound;
    private readonly StepRequirements _defaultStep;

    public KernelStepChatClient(IStepChatClient steps, StepRequirements defaultStep, StepContext? bound = null)
    {
        _steps = steps;
        _defaultStep = defaultStep;
        _bound = bound;
    }

    public StepContext? Bound => _bound;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var step = CurrentStep();
        using (StepContext.Enter(step))
        {
            return await _steps.ForStep(step.Requirements).GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var step = CurrentStep();
        var updates = _steps.ForStep(step.Requirements).GetStreamingResponseAsync(messages, options, cancellationToken);
        await foreach (var update in StepContextFilter.WrapStream(updates, step, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null && serviceType.IsInstanceOfType(this))
        {
            return this;
        }

        if (serviceKey is null && serviceType == typeof(ChatClientMetadata))
        {
            // Semantic Kernel reads this to describe the service; the model is chosen per call, so there is no default id.
            return new ChatClientMetadata("agentframework", providerUri: null, defaultModelId: null);
        }

        return serviceKey is null && serviceType == typeof(StepContext) ? CurrentStep() : null;
    }

    public void Dispose()
    {
        // The step pipelines belong to the application's IStepChatClient.
    }

    private StepContext CurrentStep()
    {
        var current = StepContext.Current;
        if (_bound is not null)
        {
            // Keep the richer current context (its [CacheKey] values) when it is the same step.
            return current is not null && ReferenceEquals(current.Requirements, _bound.Requirements) ? current : _bound;
        }

        return current ?? new StepContext(_defaultStep);
    }
}
