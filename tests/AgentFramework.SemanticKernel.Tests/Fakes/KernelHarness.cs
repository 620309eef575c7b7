using AgentFramework.Ledger;
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

    public KernelHarness(Action<IServiceCollection>? configure = null, FakeModelClient? cheap = null, FakeModelClient? strong = null, bool withStrong = true)
    {
        Cheap = cheap ?? new FakeModelClient(CheapModel);
        Strong = strong ?? new FakeModelClient(StrongModel);
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

    public FakeModelClient Cheap { get; }

    public FakeModelClient Strong { get; }

    public RecordingStepMiddleware Recorder { get; } = new();

    public ServiceProvider Services { get; }

    public Kernel Kernel { get; }

    public ICostLedger Ledger => Services.GetRequiredService<ICostLedger>();

    public KernelFunction Function(string name) => Kernel.Plugins["TriageAgent"][name];

    public void Dispose() => Services.Dispose();
}
