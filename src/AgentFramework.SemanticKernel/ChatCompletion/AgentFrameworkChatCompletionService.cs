using AgentFramework.Runtime;
using AgentFramework.SemanticKernel.DependencyInjection;
using AgentFramework.Steps;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace AgentFramework.SemanticKernel.ChatCompletion;

/// <summary>
/// AgentFramework's Semantic Kernel chat service. Every call — prompt functions (<c>InvokePromptAsync</c>,
/// streaming or not) and direct <see cref="ChatHistory"/> calls — goes through the per-step pipeline of
/// <see cref="IStepChatClient"/>: step middlewares (the semantic cache) in front of the capability router,
/// which picks the cheapest sufficient registered model, falls back on failure and records the ledger.
/// </summary>
/// <remarks>
/// <para>Caching happens here, at the chat-service layer, because Semantic Kernel ignores a prompt-render
/// filter's result for streaming calls.</para>
/// <para>Automatic function calling (<c>FunctionChoiceBehavior.Auto()</c>) is handled by Semantic Kernel's
/// function-invoking client placed <em>outside</em> the step pipeline: each model round trip is routed and
/// cached on its own, and the called functions run through the kernel (and its filters), so an agent step
/// called as a tool runs as its own step.</para>
/// <para>The step of a call is the one bound with <see cref="ForStep(StepRequirements)"/> (the service
/// selector binds the function's step), else <see cref="StepContext.Current"/>, else
/// <see cref="AgentFrameworkKernelOptions.DefaultStep"/>.</para>
/// </remarks>
internal sealed class AgentFrameworkChatCompletionService : IChatCompletionService, IChatClient
{
    private readonly IStepChatClient _steps;
    private readonly IServiceProvider _services;
    private readonly AgentFrameworkKernelOptions _options;
    private readonly IChatClient _client;
    private readonly IChatCompletionService _completion;
    private readonly KernelStepChatClient _stepClient;

    /// <summary>Creates the unbound service (the step comes from the current context or the default).</summary>
    public AgentFrameworkChatCompletionService(IStepChatClient steps, IServiceProvider services, IOptions<AgentFrameworkKernelOptions>? options = null)
        : this(steps, services, options?.Value ?? new AgentFrameworkKernelOptions(), bound: null)
    {
    }

    private AgentFrameworkChatCompletionService(IStepChatClient steps, IServiceProvider services, AgentFrameworkKernelOptions options, StepContext? bound)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(services);
        _steps = steps;
        _services = services;
        _options = options;
        _stepClient = new KernelStepChatClient(steps, options.DefaultStep ?? StepRequirements.Unannotated(options.DefaultStepId), bound);
        IChatClient client = _stepClient;
        if (options.EnableFunctionInvocation)
        {
            client = new ChatClientBuilder(client).UseKernelFunctionInvocation(services.GetService<ILoggerFactory>()).Build(services);
        }

        _client = client;
        _completion = client.AsChatCompletionService(services);
    }

    /// <summary>The step this service is bound to, or <c>null</c> when it follows the current step context.</summary>
    public StepContext? BoundStep => _stepClient.Bound;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> Attributes => _completion.Attributes;

    /// <summary>A service whose calls all run as <paramref name="step"/> (e.g. for direct <see cref="ChatHistory"/> calls).</summary>
    public AgentFrameworkChatCompletionService ForStep(StepRequirements step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return ForStep(new StepContext(step, tenantScope: StepContext.Current?.TenantScope));
    }

    /// <summary>A service whose calls all run in <paramref name="step"/> (requirements, tenant and key scope).</summary>
    public AgentFrameworkChatCompletionService ForStep(StepContext step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new AgentFrameworkChatCompletionService(_steps, _services, _options, step);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default) =>
        _completion.GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default) =>
        _completion.GetStreamingChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken);

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        _client.GetResponseAsync(messages, options, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        _client.GetStreamingResponseAsync(messages, options, cancellationToken);

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : _client.GetService(serviceType, serviceKey);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing owned: the model clients belong to the application.
    }
}
