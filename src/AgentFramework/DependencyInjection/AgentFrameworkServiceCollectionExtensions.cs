using System.Diagnostics.Metrics;
using AgentFramework;
using AgentFramework.Catalog;
using AgentFramework.DependencyInjection;
using AgentFramework.Ledger;
using AgentFramework.Models;
using AgentFramework.Routing;
using AgentFramework.Runtime;
using AgentFramework.Steps;
using AgentFramework.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the AgentFramework runtime.</summary>
public static class AgentFrameworkServiceCollectionExtensions
{
    /// <summary>
    /// Adds the catalog, router, cost ledger, metrics and step runtime. Chain <c>AddModel</c> for every model
    /// the application can call and <c>AddAgent</c> for every agent.
    /// </summary>
    /// <remarks>
    /// The steps of registered agents are validated before any runs (first resolution of an agent interface or of
    /// <see cref="IAgentRunner"/>, and host start through <c>ValidateOnStart</c>): see <see cref="AgentFramework.Steps.StepValidationException"/>.
    /// </remarks>
    /// <example>
    /// <code>
    /// services.AddAgentFramework()
    ///     .AddModel("gpt-4.1-nano", nanoClient)
    ///     .AddModel("gpt-4.1", fullClient)
    ///     .AddAgent&lt;ISupportAgent, SupportAgent&gt;();
    /// </code>
    /// </example>
    public static AgentFrameworkBuilder AddAgentFramework(this IServiceCollection services, Action<AgentFrameworkOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AgentFrameworkOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => LoadCatalog(sp.GetRequiredService<IOptions<AgentFrameworkOptions>>().Value));
        services.TryAddSingleton(sp => new AgentFrameworkMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<ICostLedger>(sp => new CostLedger(
            sp.GetRequiredService<ModelCatalog>(),
            sp.GetRequiredService<AgentFrameworkMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<AgentFrameworkOptions>>().Value.BaselineModelId));
        services.TryAddSingleton<ITokenCounter, TiktokenTokenCounter>();
        services.TryAddSingleton<IModelRegistry>(sp => new ModelRegistry(
            sp.GetRequiredService<ModelCatalog>(),
            sp.GetServices<ModelRegistration>().Select(r => (r.ModelId, r.Factory(sp)))));
        services.TryAddSingleton(sp => new ModelRouter(
            sp.GetRequiredService<ModelCatalog>(),
            sp.GetRequiredService<IModelRegistry>(),
            sp.GetRequiredService<ICostLedger>(),
            sp.GetRequiredService<IOptions<AgentFrameworkOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IStepChatClient>(sp => new StepChatClient(
            sp.GetRequiredService<ModelRouter>(),
            sp.GetRequiredService<IModelRegistry>(),
            sp.GetRequiredService<ICostLedger>(),
            sp.GetRequiredService<ITokenCounter>(),
            sp.GetServices<IStepChatClientMiddleware>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<CapabilityRoutingChatClient>>()));
        services.TryAddSingleton(sp => new StepBindingValidator(
            sp.GetRequiredService<ModelCatalog>(),
            () => sp.GetRequiredService<IModelRegistry>(),
            sp.GetServices<AgentRegistration>()));
        services.AddOptions<StepBindingValidationOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StepBindingValidationOptions>, StepBindingOptionsValidator>());
        services.TryAddSingleton<IAgentRunner, AgentRunner>();
        return new AgentFrameworkBuilder(services);
    }

    private static ModelCatalog LoadCatalog(AgentFrameworkOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.CatalogOverridePath))
        {
            return ModelCatalog.LoadEmbedded();
        }

        var path = Path.GetFullPath(options.CatalogOverridePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The catalog override file '{path}' (AgentFrameworkOptions.CatalogOverridePath) does not exist.", path);
        }

        using var stream = typeof(ModelCatalog).Assembly.GetManifestResourceStream(ModelCatalog.EmbeddedResourceName)
            ?? throw new InvalidOperationException("The embedded model catalog is missing.");
        using var reader = new StreamReader(stream);
        try
        {
            return ModelCatalog.Parse(reader.ReadToEnd(), File.ReadAllText(path));
        }
        catch (FormatException ex)
        {
            throw new FormatException($"The catalog override file '{path}' is invalid: {ex.Message}", ex);
        }
    }
}
