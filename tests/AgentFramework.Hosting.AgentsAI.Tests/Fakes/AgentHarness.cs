using AgentFramework.Hosting.AgentsAI.DependencyInjection;
using AgentFramework.Ledger;
using AgentFramework.Testing.Fakes;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Hosting.AgentsAI.Tests.Fakes;

/// <summary>
/// An application wired the way a user would: AgentFramework with three registered models (fakes for the paid
/// endpoints) from the real embedded catalog, optionally the real semantic cache, and a <c>ChatClientAgent</c>
/// registered with <c>AddStepRoutedAgent</c>.
/// </summary>
internal sealed class AgentHarness : IDisposable
{
    public const string Nano = "gpt-4.1-nano";
    public const string Mini = "gpt-4.1-mini";
    public const string O3 = "o3";

    public AgentHarness(Action<StepRoutedAgentOptions> agent, IEmbeddingGenerator<string, Embedding<float>>? embedder = null, bool cache = true, FakeChatClient? mini = null)
    {
        NanoClient = new FakeChatClient(Nano);
        MiniClient = mini ?? new FakeChatClient(Mini);
        O3Client = new FakeChatClient(O3);
        var services = new ServiceCollection();
        services.AddAgentFramework()
            .AddModel(Nano, NanoClient).AddModel(Mini, MiniClient).AddModel(O3, O3Client)
            .AddAgent<DeskAgent>()
            .AddStepMiddleware(Recorder);
        if (cache)
        {
            if (embedder is not null)
            {
                services.AddSingleton(embedder);
                services.AddEmbeddedVectorIndex();
            }

            services.AddSemanticCache();
        }

        services.AddStepRoutedAgent("desk", agent);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Agent = Services.GetRequiredKeyedService<AIAgent>("desk");
    }

    public FakeChatClient NanoClient { get; }

    public FakeChatClient MiniClient { get; }

    public FakeChatClient O3Client { get; }

    public RecordingStepMiddleware Recorder { get; } = new();

    public ServiceProvider Services { get; }

    public AIAgent Agent { get; }

    public LedgerSnapshot Ledger => Services.GetRequiredService<ICostLedger>().GetSnapshot();

    public LedgerLine Step(string stepId) => Ledger.Steps.Single(l => l.StepId == stepId);

    public int UpstreamCalls => NanoClient.Calls + MiniClient.Calls + O3Client.Calls;

    public void Dispose() => Services.Dispose();
}

/// <summary>One ONNX session for a test class: loading the model is the slow part.</summary>
public sealed class SharedEmbedder : IDisposable
{
    private readonly ServiceProvider _provider = new ServiceCollection().AddOnnxEmbeddingGenerator().BuildServiceProvider();

    public SharedEmbedder() => Generator = _provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

    public IEmbeddingGenerator<string, Embedding<float>> Generator { get; }

    public void Dispose() => _provider.Dispose();
}
