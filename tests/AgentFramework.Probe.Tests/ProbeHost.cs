using AgentFramework.Caching;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Probe.Tests;

/// <summary>A consumer application composed from the public registration API only.</summary>
public sealed class ProbeHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ProbeHost(ServiceProvider services, EchoModel model)
    {
        _services = services;
        Model = model;
        Agent = services.GetRequiredService<IProbeAgent>();
        Cache = services.GetRequiredService<SemanticCache>();
    }

    public EchoModel Model { get; }

    public IProbeAgent Agent { get; }

    public SemanticCache Cache { get; }

    /// <summary>Builds the app: durable embedded index in <paramref name="indexDirectory"/>, Redis L2 when <paramref name="redis"/> is set.</summary>
    public static ProbeHost Start(string indexDirectory, string? redis = null, IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
    {
        var model = new EchoModel();
        var services = new ServiceCollection().AddLogging().AddMetrics();
        services.AddAgentFramework(o => o.BaselineModelId = "gpt-4.1-mini")
            .AddModel("gpt-4.1-mini", model)
            .AddAgent<IProbeAgent, ProbeAgent>();
        if (embedder is not null)
        {
            services.AddSingleton(embedder);
        }

        services.AddOnnxEmbeddingGenerator();
        services.AddEmbeddedVectorIndex(o => o.Directory = indexDirectory);
        if (redis is not null)
        {
            services.AddRedisCacheBackplane(o =>
            {
                o.Configuration = redis;
                o.InstanceName = "probe:" + Guid.NewGuid().ToString("N") + ":";
                o.FaultCooldown = TimeSpan.FromMilliseconds(200);
            });
        }

        services.AddSemanticCache(o => o.RequireTenantScope = true);
        return new ProbeHost(services.BuildServiceProvider(), model);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>A temporary directory removed at the end of a test.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("af-probe-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
