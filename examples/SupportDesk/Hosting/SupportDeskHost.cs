using AgentFramework.Catalog;
using AgentFramework.Ledger;
using AgentFramework.OpenAI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportDesk.Agent;
using SupportDesk.Offline;

namespace SupportDesk.Hosting;

/// <summary>Which models answer the run.</summary>
public enum ModelMode
{
    /// <summary>The offline stand-in plays every paid model (no key, no network).</summary>
    Offline,

    /// <summary>Configured OpenAI-compatible endpoints answer.</summary>
    Live,
}

/// <summary>The wired-up services of one run.</summary>
/// <param name="Services">The container (dispose it when done).</param>
/// <param name="Mode">Offline stand-in or live endpoints.</param>
/// <param name="Models">The catalog ids of the registered models.</param>
/// <param name="Counter">Counts calls that reached a model client.</param>
/// <param name="StandIns">The stand-in clients (empty when live).</param>
public sealed record SupportDeskHost(
    ServiceProvider Services,
    ModelMode Mode,
    IReadOnlyList<string> Models,
    UpstreamCallCounter Counter,
    IReadOnlyList<OfflineStandInChatClient> StandIns) : IAsyncDisposable
{
    /// <summary>Builds the services: AgentFramework runtime, models, the agent and the cache.</summary>
    /// <param name="settings">Run settings.</param>
    /// <param name="configuration">Configuration: model endpoints under <c>AgentFramework:Models</c> make the run live.</param>
    /// <exception cref="ModelEndpointConfigurationException">An endpoint is misconfigured.</exception>
    /// <exception cref="UnknownModelException">A configured or baseline model id is not in the catalog.</exception>
    public static SupportDeskHost Build(SupportDeskSettings settings, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        var services = new ServiceCollection();
        var counter = new UpstreamCallCounter();
        var catalog = ModelCatalog.LoadEmbedded();
        _ = catalog.Get(settings.BaselineModel);

        var builder = services
            .AddAgentFramework(o => o.BaselineModelId = settings.BaselineModel)
            .AddAgent<ISupportAgent, SupportAgent>()
            .AddStepMiddleware(counter);
        services.AddSingleton<LegalQueue>();

        var standIns = new List<OfflineStandInChatClient>();
        var models = new List<string>();
        var mode = ModelMode.Offline;

        // An --live-free design: if configuration names model endpoints, they answer; else the stand-in plays the models.
        var endpoints = configuration.GetSection(OpenAICompatibleChatClientFactory.DefaultSectionPath);
        if (endpoints.GetChildren().Any())
        {
            mode = ModelMode.Live;
            foreach (var configured in OpenAICompatibleChatClientFactory.CreateFromConfiguration(endpoints))
            {
                var card = catalog.Get(configured.ModelId);
                models.Add(card.Id);
                builder.AddModel(card.Id, counter.WrapModel(card.Id, configured.Client));
            }
        }
        else
        {
            var latency = new StandInLatency(settings.LatencyScale);
            var tokens = new TiktokenTokenCounter();
            foreach (var id in settings.OfflineModels.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (catalog.Find(id) is not { } card || models.Contains(card.Id, StringComparer.Ordinal))
                {
                    continue;
                }

                var standIn = new OfflineStandInChatClient(card, tokens, latency);
                standIns.Add(standIn);
                models.Add(card.Id);
                builder.AddModel(card.Id, counter.WrapModel(card.Id, standIn));
            }

            if (models.Count == 0)
            {
                throw new InvalidOperationException("None of SupportDesk:OfflineModels is in the model catalog; nothing could answer.");
            }
        }

        if (settings.Cache)
        {
            AddCache(services, settings);
        }

        return new SupportDeskHost(services.BuildServiceProvider(), mode, models, counter, standIns);
    }

    /// <summary>
    /// The one place the cache is wired: the local ONNX embedding model, the embedded vector index
    /// and the semantic cache, which fronts every cacheable step's client.
    /// </summary>
    private static void AddCache(IServiceCollection services, SupportDeskSettings settings)
    {
        services.AddOnnxEmbeddingGenerator();
        services.AddEmbeddedVectorIndex(o =>
        {
            o.Directory = settings.CacheDirectory;
            o.Capacity = 100_000;
        });
        services.AddSemanticCache(o => o.RequireTenantScope = true);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
