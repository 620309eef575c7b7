using System.Diagnostics.CodeAnalysis;
using AgentFramework.Catalog;
using AgentFramework.Ledger;
using AgentFramework.Models;
using AgentFramework.Routing;
using AgentFramework.SemanticKernel.ChatCompletion;
using AgentFramework.SemanticKernel.Steps;
using AgentFramework.Steps;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Services;

namespace AgentFramework.SemanticKernel.Selection;

/// <summary>
/// Picks the chat service for the kernel function being run: the cheapest sufficient model for the
/// function's step, decided by <see cref="ModelRouter"/> with the same rules as the analyzer.
/// </summary>
/// <remarks>
/// <para><b>With AgentFramework's chat service registered</b> (<c>AddAgentFrameworkKernel</c>), the selector
/// returns <see cref="AgentFrameworkChatCompletionService"/> bound to the function's step. Its innermost
/// client, the capability routing client, then sends the call to the model the router chose — the same
/// decision <see cref="Explain"/> reports, since both ask the same router over the same registered models —
/// with fallbacks, behind the step middlewares (the semantic cache), and records the call in the ledger.
/// Binding the step here, not only in the step-context filter, keeps streaming prompt calls on their step
/// even though Semantic Kernel runs them after the filters have returned.</para>
/// <para><b>With only plain Semantic Kernel chat services</b> (one per model, e.g. registered with
/// <c>AddOpenAIChatCompletion(modelId: ...)</c>), the selector routes among those services whose model id
/// the catalog knows and returns the chosen service itself. Such calls are routed but neither cached nor
/// recorded in the ledger: for that, register the models with <c>AddAgentFramework().AddModel(...)</c>.</para>
/// <para>An explicit service id in the execution settings always wins, and functions that are not steps are
/// served as Semantic Kernel's default selector would (by service id, then model id, then any service).</para>
/// </remarks>
public sealed partial class CapabilityServiceSelector : IAIServiceSelector
{
    private readonly ModelCatalog _catalog;
    private readonly ICostLedger _ledger;
    private readonly IOptions<AgentFrameworkOptions> _options;
    private readonly TimeProvider _time;
    private readonly ModelRouter? _router;
    private readonly ILogger _logger;

    /// <summary>Creates the selector.</summary>
    /// <param name="catalog">The model catalog (prices and capability levels).</param>
    /// <param name="ledger">The ledger (budgets).</param>
    /// <param name="options">The runtime options (fallbacks, baseline, budget window).</param>
    /// <param name="router">The application's router over its registered models, or <c>null</c> when only plain kernel services exist.</param>
    /// <param name="timeProvider">The clock for budget windows.</param>
    /// <param name="logger">Logs every decision at debug level.</param>
    public CapabilityServiceSelector(ModelCatalog catalog, ICostLedger ledger, IOptions<AgentFrameworkOptions> options, ModelRouter? router = null, TimeProvider? timeProvider = null, ILogger<CapabilityServiceSelector>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog;
        _ledger = ledger;
        _options = options;
        _router = router;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public bool TrySelectAIService<T>(Kernel kernel, KernelFunction function, KernelArguments arguments, [NotNullWhen(true)] out T? service, out PromptExecutionSettings? serviceSettings)
        where T : class, IAIService
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(function);
        var allSettings = arguments?.ExecutionSettings ?? function.ExecutionSettings;
        if (TrySelectByServiceId(kernel, allSettings, out service, out serviceSettings))
        {
            return true;
        }

        var step = KernelStepResolver.Resolve(function, arguments, StepContext.Current) ?? StepContext.Current;
        if (step is null)
        {
            return TrySelectDefault(kernel, allSettings, out service, out serviceSettings);
        }

        var settings = DefaultSettings(allSettings);
        if (_router is not null && kernel.Services.GetService<AgentFrameworkChatCompletionService>() is T and AgentFrameworkChatCompletionService routed)
        {
            var decision = _router.Route(step.Requirements);
            Log.Selected(_logger, function.Name, step.StepId, decision.Selected.Id, "agentframework pipeline");
            service = (T)(object)routed.ForStep(step);
            serviceSettings = settings;
            return true;
        }

        var candidates = KernelModelServices<T>(kernel);
        if (candidates.Count == 0)
        {
            return TrySelectDefault(kernel, allSettings, out service, out serviceSettings);
        }

        var choice = RouteAmong(candidates, step.Requirements);
        Log.Selected(_logger, function.Name, step.StepId, choice.Decision.Selected.Id, "kernel service");
        service = choice.Service;
        serviceSettings = settings;
        return true;
    }

    /// <summary>
    /// The routing decision for <paramref name="function"/> called with <paramref name="arguments"/>: which model
    /// serves it and why, or <c>null</c> when the function is not a step.
    /// </summary>
    /// <exception cref="NoSufficientModelException">No available model meets the step's needs.</exception>
    public RoutingDecision? Explain(Kernel kernel, KernelFunction function, KernelArguments? arguments = null)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(function);
        var step = KernelStepResolver.Resolve(function, arguments, StepContext.Current);
        if (step is null)
        {
            return null;
        }

        if (_router is not null && kernel.Services.GetService<AgentFrameworkChatCompletionService>() is not null)
        {
            return _router.Route(step.Requirements);
        }

        var candidates = KernelModelServices<Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService>(kernel);
        return candidates.Count == 0 ? null : RouteAmong(candidates, step.Requirements).Decision;
    }

    private (T Service, RoutingDecision Decision) RouteAmong<T>(IReadOnlyList<(T Service, ModelCard Model)> candidates, StepRequirements step)
        where T : class
    {
        var router = new ModelRouter(_catalog, new KernelServiceRegistry(candidates.Select(c => c.Model)), _ledger, _options, _time);
        var decision = router.Route(step);
        var chosen = candidates.First(c => ReferenceEquals(c.Model, decision.Selected) || string.Equals(c.Model.Id, decision.Selected.Id, StringComparison.OrdinalIgnoreCase));
        return (chosen.Service, decision);
    }

    private List<(T Service, ModelCard Model)> KernelModelServices<T>(Kernel kernel)
        where T : class
    {
        var result = new List<(T, ModelCard)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var service in kernel.GetAllServices<T>())
        {
            if (service is AgentFrameworkChatCompletionService)
            {
                continue;
            }

            var modelId = service switch
            {
                IAIService ai => ai.GetModelId(),
                IChatClient chat => chat.GetService<ChatClientMetadata>()?.DefaultModelId,
                _ => null,
            };
            if (_catalog.Find(modelId) is { } card && seen.Add(card.Id))
            {
                result.Add((service, card));
            }
        }

        return result;
    }

    private static PromptExecutionSettings? DefaultSettings(IReadOnlyDictionary<string, PromptExecutionSettings>? settings)
    {
        if (settings is null || settings.Count == 0)
        {
            return null;
        }

        return settings.TryGetValue(PromptExecutionSettings.DefaultServiceId, out var byDefault) ? byDefault : settings.Values.First();
    }

    private static bool TrySelectByServiceId<T>(Kernel kernel, IReadOnlyDictionary<string, PromptExecutionSettings>? settings, [NotNullWhen(true)] out T? service, out PromptExecutionSettings? serviceSettings)
        where T : class
    {
        if (settings is not null && kernel.Services is IKeyedServiceProvider keyed)
        {
            foreach (var (serviceId, value) in settings)
            {
                if (!string.IsNullOrEmpty(serviceId) && !serviceId.Equals(PromptExecutionSettings.DefaultServiceId, StringComparison.OrdinalIgnoreCase)
                    && keyed.GetKeyedService<T>(serviceId) is { } found)
                {
                    service = found;
                    serviceSettings = value;
                    return true;
                }
            }
        }

        service = null;
        serviceSettings = null;
        return false;
    }

    // Semantic Kernel's own default selector is internal; this mirrors its documented order for non-step functions.
    private static bool TrySelectDefault<T>(Kernel kernel, IReadOnlyDictionary<string, PromptExecutionSettings>? settings, [NotNullWhen(true)] out T? service, out PromptExecutionSettings? serviceSettings)
        where T : class
    {
        if (settings is not null)
        {
            foreach (var value in settings.Values)
            {
                if (string.IsNullOrEmpty(value.ModelId))
                {
                    continue;
                }

                foreach (var candidate in kernel.GetAllServices<T>())
                {
                    var modelId = candidate switch
                    {
                        IAIService ai => ai.GetModelId(),
                        IChatClient chat => chat.GetService<ChatClientMetadata>()?.DefaultModelId,
                        _ => null,
                    };
                    if (modelId == value.ModelId)
                    {
                        service = candidate;
                        serviceSettings = value;
                        return true;
                    }
                }
            }
        }

        service = kernel.Services is IKeyedServiceProvider ? kernel.GetAllServices<T>().LastOrDefault() : kernel.Services.GetService<T>();
        serviceSettings = DefaultSettings(settings);
        return service is not null;
    }

    /// <summary>A registry over kernel services, for routing decisions only: the router never calls a model client.</summary>
    private sealed class KernelServiceRegistry : IModelRegistry
    {
        private readonly List<RegisteredModel> _models;

        public KernelServiceRegistry(IEnumerable<ModelCard> models) => _models = models.Select(m => new RegisteredModel(m, RoutingOnlyChatClient.Instance)).ToList();

        public IReadOnlyList<RegisteredModel> Models => _models;

        public RegisteredModel? Find(string idOrAlias) =>
            _models.FirstOrDefault(m => string.Equals(m.Model.Id, idOrAlias, StringComparison.OrdinalIgnoreCase) || m.Model.Aliases.Contains(idOrAlias, StringComparer.OrdinalIgnoreCase));
    }

    private sealed class RoutingOnlyChatClient : IChatClient
    {
        public static readonly RoutingOnlyChatClient Instance = new();

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("This registration exists for routing decisions only; the selected kernel service serves the call.");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("This registration exists for routing decisions only; the selected kernel service serves the call.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7002, LogLevel.Debug, "Kernel function {FunctionName} (step {StepId}) is served by {ModelId} through the {Path}.", EventName = "Selected")]
        public static partial void Selected(ILogger logger, string functionName, string stepId, string modelId, string path);
    }
}
