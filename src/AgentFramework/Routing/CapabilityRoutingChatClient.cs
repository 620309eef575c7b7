using System.Runtime.CompilerServices;
using AgentFramework.Catalog;
using AgentFramework.Ledger;
using AgentFramework.Models;
using AgentFramework.Pricing;
using AgentFramework.Steps;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFramework.Routing;

/// <summary>
/// The innermost client of a step's pipeline: routes each call with <see cref="ModelRouter"/>,
/// falls back to the next cheapest sufficient model when a call fails, and records every call
/// (tokens, dollars, baseline dollars) in the <see cref="ICostLedger"/>.
/// </summary>
/// <remarks>
/// <para>
/// Selection and failover are separate: the router picks the ordered candidate models, and one fallback loop
/// (<c>ModelFailover</c>) shared by <see cref="GetResponseAsync"/> and <see cref="GetStreamingResponseAsync"/>
/// runs the call over them; this client adds what each attempt records (<c>CapabilityRoutingChatClient.Calls.cs</c>).
/// </para>
/// <para>
/// The registered client of each model decides which provider model id it sends; this client
/// clears <see cref="ChatOptions.ModelId"/> so a stray id in the options can never make the ledger
/// bill one model while another one answers.
/// </para>
/// </remarks>
internal sealed partial class CapabilityRoutingChatClient : IChatClient
{
    /// <summary>The response property that names the model the router chose.</summary>
    public const string RoutedModelProperty = "agentframework.routed_model";

    /// <summary>
    /// Set to <c>true</c> on responses whose <see cref="ChatResponse.Usage"/> was counted locally because the
    /// provider reported none (so the cache and the ledger can still price the call).
    /// </summary>
    public const string UsageEstimatedProperty = "agentframework.usage_estimated";

    private readonly StepRequirements _step;
    private readonly ModelRouter _router;
    private readonly IModelRegistry _registry;
    private readonly ICostLedger _ledger;
    private readonly ITokenCounter _tokens;
    private readonly ILogger _logger;
    private readonly ModelFailover _failover;

    /// <summary>Creates the client for one step.</summary>
    public CapabilityRoutingChatClient(StepRequirements step, ModelRouter router, IModelRegistry registry, ICostLedger ledger, ITokenCounter tokenCounter, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(tokenCounter);
        _step = step;
        _router = router;
        _registry = registry;
        _ledger = ledger;
        _tokens = tokenCounter;
        _logger = logger ?? NullLogger.Instance;
        _failover = new ModelFailover(step.StepId, _logger);
    }

    /// <summary>The step this client routes for.</summary>
    public StepRequirements Step => _step;

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (list, decision, models) = Select(messages);
        ChatResponse? response = null;
        await foreach (var item in _failover.RunAsync(models, new ResponseCall(this, decision, list, options), cancellationToken).ConfigureAwait(false))
        {
            response = item;
        }

        return response!;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Selection runs when the caller starts enumerating, as it did when this method was an iterator itself.
        return Stream(messages, options, cancellationToken);

        async IAsyncEnumerable<ChatResponseUpdate> Stream(IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var (list, decision, models) = Select(messages);
            await foreach (var update in _failover.RunAsync(models, new StreamingCall(this, decision, list, options), cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null && serviceType.IsInstanceOfType(this))
        {
            return this;
        }

        if (serviceKey is null && serviceType == typeof(ChatClientMetadata))
        {
            return new ChatClientMetadata("agentframework-router", defaultModelId: null);
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The registered model clients belong to the application, not to this pipeline.
    }

    /// <summary>Selection: routes the call; the messages as a list, the decision, and the models to try in order.</summary>
    private (IReadOnlyList<ChatMessage> Messages, RoutingDecision Decision, List<ModelCard> Models) Select(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var decision = _router.Route(_step);
        Log.Routed(_logger, _step.StepId, decision.Selected.Id, decision.Reason);
        return (list, decision, [decision.Selected, .. decision.Fallbacks]);
    }

    private static ChatOptions? RoutedOptions(ChatOptions? options)
    {
        if (options?.ModelId is null)
        {
            return options;
        }

        var clone = options.Clone();
        clone.ModelId = null;
        return clone;
    }

    /// <summary>Records a successful call; returns <paramref name="usage"/> when complete, else a copy with counted tokens.</summary>
    private UsageDetails RecordSuccess(RoutingDecision decision, ModelCard model, IReadOnlyList<ChatMessage> messages, UsageDetails? usage, string outputText, TimeSpan duration)
    {
        var estimated = usage?.InputTokenCount is null || usage.OutputTokenCount is null;
        long input = usage?.InputTokenCount ?? _tokens.CountTokens(messages);
        long output = usage?.OutputTokenCount ?? _tokens.CountTokens(outputText);
        long cached = usage?.CachedInputTokenCount ?? 0;
        _ledger.RecordCall(new ModelCallRecord(
            _step.StepId,
            model.Id,
            input,
            output,
            cached,
            ModelPricing.CostOf(model, input, output, cached),
            decision.Baseline.Id,
            ModelPricing.CostOf(decision.Baseline, input, output, cached),
            duration,
            Succeeded: true,
            TokensEstimated: estimated));
        return !estimated && usage is not null
            ? usage
            : new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output, CachedInputTokenCount = usage?.CachedInputTokenCount };
    }

    private void RecordFailure(RoutingDecision decision, ModelCard model, IReadOnlyList<ChatMessage> messages, TimeSpan duration)
    {
        // A failed call is assumed unbilled; it is still counted so failure rates show per model.
        _ledger.RecordCall(new ModelCallRecord(_step.StepId, model.Id, _tokens.CountTokens(messages), 0, 0, 0, decision.Baseline.Id, 0, duration, Succeeded: false, TokensEstimated: true));
    }

    private static partial class Log
    {
        [LoggerMessage(1001, LogLevel.Debug, "Step {StepId} routed to {ModelId} ({Reason}).", EventName = "Routed")]
        public static partial void Routed(ILogger logger, string stepId, string modelId, RoutingReason reason);

        // Event 1002 (a failed call, CallFailed) is ModelFailover's, written to this client's logger.
    }
}
