using AgentFramework.Ledger;
using AgentFramework.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace AgentFramework.SemanticKernel.Tests.Fakes;

/// <summary>
/// A kernel wired the way an application would: AgentFramework with two registered models (fakes for the
/// paid endpoints) from the real embedded catalog, the Semantic Kernel hosting, and the triage agent plugin.
/// </summary>
internal sealed class KernelHarness : IDisposable
{
    public const string CheapModel = "gpt-4.1-nano";
    public const string StrongModel = "claude-opus-4-1";

    public KernelHarness(Action<IServiceCollection>? configure = null, FakeChatClient? cheap = null, FakeChatClient? strong = null, bool withStrong = true)
    {
        Cheap = cheap ?? new FakeChatClient(CheapModel);
        Strong = strong ?? new FakeChatClient(StrongModel);
        var services = new ServiceCollection();
        var builder = services.AddAgentFramework().AddModel(CheapModel, Cheap).AddAgent<TriageAgent>();
        if (withStrong)
        {
            builder.AddModel(StrongModel, Strong);
        }

        builder.AddStepMiddleware(Recorder);
        configure?.Invoke(services);
        services.AddAgentFrameworkKernel().Plugins.AddAgentPlugin<TriageAgent>();
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Kernel = Services.GetRequiredService<Kernel>();
    }

    public FakeChatClient Cheap { get; }

    public FakeChatClient Strong { get; }

    public RecordingStepMiddleware Recorder { get; } = new();

    public ServiceProvider Services { get; }

    public Kernel Kernel { get; }

    public ICostLedger Ledger => Services.GetRequiredService<ICostLedger>();

    public KernelFunction Function(string name) => Kernel.Plugins["TriageAgent"][name];

    public void Dispose() => Services.Dispose();
}
