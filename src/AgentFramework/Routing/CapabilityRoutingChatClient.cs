using System.Diagnostics;
using System.Runtime.CompilerServices;
using AgentFramework.Catalog;
using AgentFramework.Ledger;
using AgentFramework.Models;
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
/// The registered client of each model decides which provider model id it sends; this client
/// clears <see cref="ChatOptions.ModelId"/> so a stray id in the options can never make the ledger
/// bill one model while another one answers.
/// </remarks>
public sealed partial class CapabilityRoutingChatClient : IChatClient
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
    }

    /// <summary>The step this client routes for.</summary>
    public StepRequirements Step => _step;

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (list, decision, attempts) = Begin(messages);
        var failures = new List<Exception>();
        for (var i = 0; i < attempts.Count; i++)
        {
            var model = attempts[i];
            var client = _registry.Find(model.Id)!.Client;
            var started = Stopwatch.GetTimestamp();
            try
            {
                var response = await client.GetResponseAsync(list, RoutedOptions(options), cancellationToken).ConfigureAwait(false);
                var usage = RecordSuccess(decision, model, list, response.Usage, response.Text, Stopwatch.GetElapsedTime(started));
                response.ModelId ??= model.Id;
                var properties = response.AdditionalProperties ??= [];
                properties[RoutedModelProperty] = model.Id;
                if (!ReferenceEquals(usage, response.Usage))
                {
                    response.Usage = usage;
                    properties[UsageEstimatedProperty] = true;
                }

                return response;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                RecordFailure(decision, model, list, Stopwatch.GetElapsedTime(started));
                failures.Add(ex);
                Log.CallFailed(_logger, ex, _step.StepId, model.Id, i + 1 < attempts.Count ? attempts[i + 1].Id : "(none)");
            }
        }

        throw new ModelCallFailedException(_step.StepId, attempts.Select(a => a.Id).ToList(), failures);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (list, decision, attempts) = Begin(messages);
        var failures = new List<Exception>();
        for (var i = 0; i < attempts.Count; i++)
        {
            var model = attempts[i];
            var client = _registry.Find(model.Id)!.Client;
            var started = Stopwatch.GetTimestamp();
            var enumerator = client.GetStreamingResponseAsync(list, RoutedOptions(options), cancellationToken).GetAsyncEnumerator(cancellationToken);
            var usage = new UsageDetails();
            var sawUsage = false;
            var text = new System.Text.StringBuilder();
            var yieldedAny = false;
            var completed = false;
            try
            {
                while (true)
                {
                    // Fallback is only possible before the caller has seen any update.
                    var (moved, error) = await TryMoveNextAsync(enumerator).ConfigureAwait(false);
                    if (error is not null)
                    {
                        RecordFailure(decision, model, list, Stopwatch.GetElapsedTime(started));
                        if (yieldedAny || (error is OperationCanceledException && cancellationToken.IsCancellationRequested))
                        {
                            throw error;
                        }

                        failures.Add(error);
                        Log.CallFailed(_logger, error, _step.StepId, model.Id, i + 1 < attempts.Count ? attempts[i + 1].Id : "(none)");
                        break;
                    }

                    if (!moved)
                    {
                        completed = true;
                        break;
                    }

                    var update = enumerator.Current;
                    foreach (var content in update.Contents)
                    {
                        if (content is UsageContent u)
                        {
                            usage.Add(u.Details);
                            sawUsage = true;
                        }
                    }

                    text.Append(update.Text);
                    update.ModelId ??= model.Id;
                    yieldedAny = true;
                    yield return update;
                }
            }
            finally
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }

            if (completed)
            {
                var recorded = RecordSuccess(decision, model, list, sawUsage ? usage : null, text.ToString(), Stopwatch.GetElapsedTime(started));
                if (!sawUsage)
                {
                    // Downstream consumers (the cache's savings, callers' own accounting) expect usage in the stream.
                    yield return new ChatResponseUpdate
                    {
                        Role = ChatRole.Assistant,
                        ModelId = model.Id,
                        Contents = [new UsageContent(recorded)],
                        AdditionalProperties = new() { [UsageEstimatedProperty] = true },
                    };
                }

                yield break;
            }
        }

        throw new ModelCallFailedException(_step.StepId, attempts.Select(a => a.Id).ToList(), failures);
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

    /// <summary>Routes the call: the messages as a list, the decision, and the models to try in order.</summary>
    private (IReadOnlyList<ChatMessage> Messages, RoutingDecision Decision, List<ModelCard> Attempts) Begin(IEnumerable<ChatMessage> messages)
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

    private static async ValueTask<(bool Moved, Exception? Error)> TryMoveNextAsync(IAsyncEnumerator<ChatResponseUpdate> enumerator)
    {
        try
        {
            return (await enumerator.MoveNextAsync().ConfigureAwait(false), null);
        }
        catch (Exception ex)
        {
            return (false, ex);
        }
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
            model.CostOf(input, output, cached),
            decision.Baseline.Id,
            decision.Baseline.CostOf(input, output, cached),
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

        [LoggerMessage(1002, LogLevel.Warning, "Step {StepId}: call to {ModelId} failed; next model: {NextModelId}.", EventName = "CallFailed")]
        public static partial void CallFailed(ILogger logger, Exception exception, string stepId, string modelId, string nextModelId);
    }
}

/// <summary>Thrown when the selected model and every fallback failed.</summary>
public sealed class ModelCallFailedException : AggregateException
{
    /// <summary>Creates the exception.</summary>
    public ModelCallFailedException(string stepId, IReadOnlyList<string> triedModels, IReadOnlyList<Exception> failures)
        : base($"Step '{stepId}': every model tried failed ({string.Join(", ", triedModels)}). See the inner exceptions.", failures)
    {
        StepId = stepId;
        TriedModels = triedModels;
    }

    /// <summary>The step.</summary>
    public string StepId { get; }

    /// <summary>The models tried, in order.</summary>
    public IReadOnlyList<string> TriedModels { get; }
}
