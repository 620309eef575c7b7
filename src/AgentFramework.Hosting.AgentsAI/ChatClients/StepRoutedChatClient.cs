using System.Runtime.CompilerServices;
using AgentFramework.Hosting.AgentsAI.Tools;
using AgentFramework.Runtime;
using AgentFramework.Steps;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace AgentFramework.Hosting.AgentsAI.ChatClients;

/// <summary>
/// The <see cref="IChatClient"/> to give a Microsoft Agent Framework <c>ChatClientAgent</c>: every model call of the
/// agent runs as a declared step through <see cref="IStepChatClient.ForStep"/> — step middlewares such as the semantic
/// cache in front of the capability router, which picks the cheapest sufficient registered model, falls back on
/// failure and records the cost ledger.
/// </summary>
/// <remarks>
/// <para>The step is <see cref="StepRoutedChatClientOptions.Step"/>, else the step current when the agent runs, else
/// <see cref="StepRoutedChatClientOptions.DefaultStepId"/>. It is made current for the call (and around every streamed
/// chunk), so the cache sees its tenant and key scope. The tenant is the current step's <see cref="CacheScopeAttribute"/>
/// value, else the run's (<see cref="AgentRunStepOptions.WithTenant"/>), else the enclosing step's.</para>
/// <para>The <c>ChatClientAgent</c> puts its function-invoking loop <em>outside</em> this client, so each model round
/// trip is routed and cached on its own and tools run outside the step: an <see cref="AgentStepFunction"/> runs as its own
/// step. Round trips that end with tool results bypass the cache (reason <c>last-message-not-user</c>), and answers that
/// are tool calls are never stored.</para>
/// <para>Conversations: a call with a <c>ChatOptions.ConversationId</c> (a session whose history the service keeps)
/// bypasses the cache; a call that carries earlier turns of the session follows
/// <see cref="StepRoutedChatClientOptions.ContinuedConversations"/>. An answer served from the cache never carries the
/// conversation id of the conversation it was first given in, so a session is never attached to another's
/// service-side conversation.</para>
/// </remarks>
public sealed class StepRoutedChatClient : IChatClient
{
    // The cache writes its outcome under this key (AgentFramework.Caching's SemanticCacheProperties.Outcome); this
    // package does not depend on the cache, so the name is repeated here.
    private const string OutcomeProperty = "agentframework.cache.outcome";
    private static readonly ConditionalWeakTable<AgentSession, string> SessionIds = new();
    private readonly IStepChatClient _steps;
    private readonly StepRoutedChatClientOptions _options;
    private readonly StepRequirements _defaultStep;

    /// <summary>Creates the client.</summary>
    /// <param name="steps">The application's step runtime (registered by <c>AddAgentFramework()</c>).</param>
    /// <param name="options">The step and conversation settings. <value>Defaults to <see cref="StepRoutedChatClientOptions"/>'s defaults.</value></param>
    public StepRoutedChatClient(IStepChatClient steps, StepRoutedChatClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        _steps = steps;
        _options = options ?? new StepRoutedChatClientOptions();
        _defaultStep = StepRequirements.Unannotated(_options.DefaultStepId);
    }

    /// <summary>Creates the client from DI options.</summary>
    public StepRoutedChatClient(IStepChatClient steps, IOptions<StepRoutedChatClientOptions> options)
        : this(steps, options?.Value)
    {
    }

    /// <summary>The step calls run as when nothing else applies (<see cref="StepRoutedChatClientOptions.Step"/> or the default).</summary>
    public StepRequirements? Step => _options.Step;

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var step = ResolveStep(list, options);
        ChatResponse response;
        using (StepContext.Enter(step))
        {
            response = await _steps.ForStep(step.Requirements).GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        }

        if (string.IsNullOrEmpty(options?.ConversationId) && IsCacheHit(response.AdditionalProperties))
        {
            // A stored answer carries the conversation id it was first given in; never hand that to another session.
            response.ConversationId = null;
        }

        return response;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var step = ResolveStep(list, options);
        var guardConversation = string.IsNullOrEmpty(options?.ConversationId);
        string? conversationId = null;
        var hit = false;

        // An async iterator restores the caller's context on every MoveNextAsync, so the step is re-entered around
        // each pull from the source rather than once for the whole loop.
        IAsyncEnumerator<ChatResponseUpdate> enumerator;
        using (StepContext.Enter(step))
        {
            enumerator = _steps.ForStep(step.Requirements).GetStreamingResponseAsync(list, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }

        try
        {
            while (true)
            {
                bool moved;
                using (StepContext.Enter(step))
                {
                    moved = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }

                if (!moved)
                {
                    break;
                }

                var update = enumerator.Current;
                if (guardConversation)
                {
                    // Held back until the end: only an answer that did not come from the cache may start a conversation.
                    hit |= IsCacheHit(update.AdditionalProperties);
                    conversationId = update.ConversationId ?? conversationId;
                    update.ConversationId = null;
                }

                yield return update;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }

        if (conversationId is not null && !hit)
        {
            yield return new ChatResponseUpdate { ConversationId = conversationId };
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

        if (serviceType.IsInstanceOfType(this))
        {
            return this;
        }

        // The model is chosen per call, so there is no default model id.
        return serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("agentframework", providerUri: null, defaultModelId: null) : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The step pipelines belong to the application's IStepChatClient.
    }

    /// <summary>The <see cref="StepContext"/> a call with <paramref name="messages"/> runs in.</summary>
    internal StepContext ResolveStep(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var current = StepContext.Current;
        var requirements = _options.Step ?? current?.Requirements ?? _defaultStep;
        var same = current is not null && ReferenceEquals(current.Requirements, requirements);
        var tenant = (same ? current!.TenantScope : null) ?? AgentRunStepOptions.CurrentTenant() ?? current?.TenantScope;
        var conversation = same ? current!.ConversationId : null;
        if (conversation is null && string.IsNullOrEmpty(options?.ConversationId)
            && _options.ContinuedConversations == ConversationCaching.Bypass && ContinuesConversation(messages))
        {
            conversation = CurrentSessionId();
        }

        return new StepContext(requirements, same ? current!.ScopeValues : null, tenant, conversation)
        {
            TenantScopeMissing = same && current!.TenantScopeMissing,
        };
    }

    /// <summary>True when a non-system message precedes the last user message: the request carries earlier turns.</summary>
    internal static bool ContinuesConversation(IReadOnlyList<ChatMessage> messages)
    {
        var lastUser = -1;
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role == ChatRole.User)
            {
                lastUser = i;
                break;
            }
        }

        for (var i = 0; i < lastUser; i++)
        {
            if (messages[i].Role != ChatRole.System)
            {
                return true;
            }
        }

        return false;
    }

    private static string CurrentSessionId() =>
        AIAgent.CurrentRunContext?.Session is { } session
            ? SessionIds.GetValue(session, _ => "agentsai-session:" + Guid.NewGuid().ToString("N"))
            : "agentsai-conversation";

    private static bool IsCacheHit(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(OutcomeProperty, out var outcome)
        && outcome is "exact" or "semantic";
}
