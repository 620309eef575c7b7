using System.Collections.Concurrent;
using AgentFramework.Ledger;
using AgentFramework.Models;
using AgentFramework.Routing;
using AgentFramework.Steps;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AgentFramework.Runtime;

/// <summary>Builds and caches one pipeline per step.</summary>
internal sealed class StepChatClient : IStepChatClient
{
    private readonly ConcurrentDictionary<StepRequirements, IChatClient> _pipelines = new(ReferenceEqualityComparer.Instance);
    private readonly ModelRouter _router;
    private readonly IModelRegistry _registry;
    private readonly ICostLedger _ledger;
    private readonly ITokenCounter _tokens;
    private readonly IStepChatClientMiddleware[] _middlewares;
    private readonly ILogger _logger;

    // The logger is the routing clients' (their category, so log filters keep matching): this type only builds them.
    public StepChatClient(ModelRouter router, IModelRegistry registry, ICostLedger ledger, ITokenCounter tokens, IEnumerable<IStepChatClientMiddleware> middlewares, ILogger<CapabilityRoutingChatClient>? logger = null)
    {
        _router = router;
        _registry = registry;
        _ledger = ledger;
        _tokens = tokens;
        _logger = (ILogger?)logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        // Apply the highest order first so the lowest order ends up outermost.
        _middlewares = middlewares.OrderByDescending(m => m.Order).ToArray();
    }

    public IChatClient ForStep(StepRequirements step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return _pipelines.GetOrAdd(step, Build);
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        ForStep(CurrentStep()).GetResponseAsync(messages, options, cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        ForStep(CurrentStep()).GetStreamingResponseAsync(messages, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null && serviceType.IsInstanceOfType(this))
        {
            return this;
        }

        return StepContext.Current is { } context ? ForStep(context.Requirements).GetService(serviceType, serviceKey) : null;
    }

    public void Dispose()
    {
        // Pipelines wrap application-owned model clients; nothing here owns unmanaged state.
    }

    private static StepRequirements CurrentStep() =>
        StepContext.Current?.Requirements
        ?? throw new InvalidOperationException(
            "IStepChatClient was called outside an agent step. Call agent steps through IAgentRunner, an agent interface registered with AddAgent<TInterface, TAgent>(), "
            + "or a Semantic Kernel plugin imported by AgentFramework; or use IStepChatClient.ForStep(requirements) explicitly.");

    private IChatClient Build(StepRequirements step)
    {
        IChatClient client = new CapabilityRoutingChatClient(step, _router, _registry, _ledger, _tokens, _logger);
        foreach (var middleware in _middlewares)
        {
            client = middleware.Wrap(client, step) ?? client;
        }

        return client;
    }
}
