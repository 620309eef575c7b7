using AgentFramework.Catalog;
using AgentFramework.Ledger;
using AgentFramework.Runtime;
using AgentFramework.Steps;
using AgentFramework.Testing.Fakes;
using AgentFramework.Tests.TestDoubles;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Tests.Runtime;

public class AgentRuntimeTests
{
    [Fact]
    public async Task InterfaceAgents_RunEachStepOnItsRoutedModel()
    {
        using var sp = Build(out var clients);
        var agent = sp.GetRequiredService<ISupportAgent>();

        Assert.Equal("[tiny] label this", await agent.ClassifyAsync("label this"));
        Assert.Equal("[big] think hard", await agent.ReasonAsync("think hard"));
        Assert.Equal((1, 1, 0), (clients["tiny"].Calls, clients["big"].Calls, clients["frontier"].Calls));

        var steps = sp.GetRequiredService<ICostLedger>().GetSnapshot().Steps.Select(s => s.StepId);
        Assert.Equal(["SupportAgent.Classify", "reason"], steps);
    }

    [Fact]
    public async Task StepsDeclaredOnInterface_RunInTheirStepContext()
    {
        // The case from issue 14: [AgentStep, Requires, UseModel] on the interface method only. The analyzer
        // judges IDeclaredAgent.Classify; the runtime must run the same step, not fail "outside an agent step".
        var clients = new[] { "tiny", "big" }.ToDictionary(id => id, id => new FakeChatClient(id));
        var services = new ServiceCollection();
        services.AddSingleton(TestCatalog.Load());
        var builder = services.AddAgentFramework().AddAgent<IDeclaredAgent, DeclaredAgent>();
        foreach (var (id, client) in clients)
        {
            builder.AddModel(id, client);
        }

        using var sp = services.BuildServiceProvider(validateScopes: true);
        var agent = sp.GetRequiredService<IDeclaredAgent>();

        Assert.Equal("[big] label this", await agent.ClassifyAsync("label this", "acme"));
        Assert.Equal("[tiny] x", await agent.RefinedAsync("x"));
        var steps = sp.GetRequiredService<ICostLedger>().GetSnapshot().Steps.Select(s => s.StepId).Order(StringComparer.Ordinal);
        Assert.Equal(["DeclaredAgent.Classify", "refined"], steps);

        var classify = StepRequirements.For(typeof(DeclaredAgent).GetMethod(nameof(DeclaredAgent.ClassifyAsync))!);
        Assert.Equal("big", classify.BoundModelId);
        Assert.Equal(CapabilityLevel.Basic, classify.Needs.Levels[Capability.Classification]);
        Assert.Equal(("tenant", true), (Assert.Single(classify.ScopeParameters).ParameterName, classify.ScopeParameters[0].IsTenantScope));

        // The class method refines the interface declaration: its own [UseModel] wins.
        Assert.Equal("tiny", StepRequirements.For(typeof(DeclaredAgent).GetMethod(nameof(DeclaredAgent.RefinedAsync))!).BoundModelId);
    }

    [Fact]
    public async Task Runner_SetsScopeValuesFromCacheKeyAndScopeParameters()
    {
        using var sp = Build(out _);
        var seen = sp.GetRequiredService<RecordingMiddleware>();
        var runner = sp.GetRequiredService<IAgentRunner>();
        const string country = "CA";
        await runner.RunAsync((SupportAgent a) => a.QuoteAsync("ship it", "tenant-7", country, 3));

        var context = Assert.Single(seen.Contexts);
        Assert.Equal("tenant-7", context!.TenantScope);
        Assert.Equal("CA", context.ScopeValues["country"]);
        Assert.Equal("3", context.ScopeValues["boxes"]);
        Assert.Equal("SupportAgent.Quote", context.StepId);
    }

    [Fact]
    public async Task Runner_TakesTenantFromInvocationWhenNoParameterCarriesIt()
    {
        using var sp = Build(out _);
        var seen = sp.GetRequiredService<RecordingMiddleware>();
        await sp.GetRequiredService<IAgentRunner>().RunAsync((SupportAgent a) => a.ClassifyAsync("x"), new StepInvocation("acme", "conv-1"));
        var context = Assert.Single(seen.Contexts);
        Assert.Equal(("acme", "conv-1"), (context!.TenantScope, context.ConversationId));
    }

    [Fact]
    public async Task Middlewares_WrapEachStepOnceLowestOrderOutermost()
    {
        using var sp = Build(out _);
        var agent = sp.GetRequiredService<ISupportAgent>();
        await agent.ClassifyAsync("a");
        await agent.ClassifyAsync("b");
        var recording = sp.GetRequiredService<RecordingMiddleware>();
        Assert.Equal(["SupportAgent.Classify"], recording.Wrapped);
        Assert.Equal(2, recording.Contexts.Count);
        Assert.Equal(["outer", "inner"], sp.GetRequiredService<OrderLog>().Calls.Take(2));
    }

    [Fact]
    public async Task CallingStepClientOutsideStep_FailsClearly()
    {
        using var sp = Build(out _);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => sp.GetRequiredService<IStepChatClient>().GetResponseAsync("hi"));
        Assert.Contains("outside an agent step", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StepContext_DoesNotLeakAfterStep()
    {
        using var sp = Build(out _);
        await sp.GetRequiredService<ISupportAgent>().ClassifyAsync("a");
        Assert.Null(StepContext.Current);
    }

    [Fact]
    public void UnknownRegisteredModelIds_FailWithCloseMatches()
    {
        var services = new ServiceCollection();
        services.AddSingleton(TestCatalog.Load());
        services.AddAgentFramework().AddModel("tinny", new FakeChatClient("x"));
        using var sp = services.BuildServiceProvider();
        var ex = Assert.Throws<UnknownModelException>(() => sp.GetRequiredService<Models.IModelRegistry>());
        Assert.Equal("tiny", ex.CloseMatches[0]);
    }

    [Fact]
    public void CatalogOverrideFile_IsMergedOverEmbeddedCatalog()
    {
        var path = Path.Combine(Path.GetTempPath(), $"agf-override-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "models": [ { "id": "house-model", "provider": "self", "inputPerMillion": 0.01, "outputPerMillion": 0.02, "contextWindow": 4096 } ] }""");
        try
        {
            var services = new ServiceCollection();
            services.AddAgentFramework(o => o.CatalogOverridePath = path);
            using var sp = services.BuildServiceProvider();
            var catalog = sp.GetRequiredService<ModelCatalog>();
            Assert.Equal(4096, catalog.Get("house-model").ContextWindow);
            Assert.Equal(ModelCatalog.LoadEmbedded().Models.Count + 1, catalog.Models.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MissingOverrideFile_FailsWithItsPath()
    {
        var services = new ServiceCollection();
        services.AddAgentFramework(o => o.CatalogOverridePath = "/nonexistent/agentframework.models.json");
        using var sp = services.BuildServiceProvider();
        var ex = Assert.Throws<FileNotFoundException>(() => sp.GetRequiredService<ModelCatalog>());
        Assert.Contains("/nonexistent/agentframework.models.json", ex.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(out Dictionary<string, FakeChatClient> clients)
    {
        clients = new[] { "tiny", "big", "frontier" }.ToDictionary(id => id, id => new FakeChatClient(id));
        var services = new ServiceCollection();
        services.AddSingleton(TestCatalog.Load());
        var recording = new RecordingMiddleware();
        var log = new OrderLog();
        services.AddSingleton(recording).AddSingleton(log);
        var builder = services.AddAgentFramework()
            .AddAgent<ISupportAgent, SupportAgent>()
            .AddAgent<SupportAgent>()
            .AddStepMiddleware(recording)
            .AddStepMiddleware(new OrderedMiddleware(200, "inner", log))
            .AddStepMiddleware(new OrderedMiddleware(10, "outer", log));
        foreach (var (id, client) in clients)
        {
            builder.AddModel(id, client);
        }

        return services.BuildServiceProvider(validateScopes: true);
    }

    public interface ISupportAgent
    {
        Task<string> ClassifyAsync(string text);

        Task<string> ReasonAsync(string text);
    }

    public sealed class SupportAgent(IStepChatClient chat) : ISupportAgent
    {
        [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
        public async Task<string> ClassifyAsync(string text) => (await chat.GetResponseAsync(text)).Text;

        [AgentStep("reason"), Requires(Capability.Reasoning, CapabilityLevel.Advanced)]
        public async Task<string> ReasonAsync(string text)
        {
            await Task.Yield();
            return (await chat.GetResponseAsync(text)).Text;
        }

        [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
        public async Task<string> QuoteAsync(string text, [CacheScope] string tenant, [CacheKey] string country, [CacheKey] int boxes) =>
            (await chat.GetResponseAsync(text)).Text;
    }

    public interface IDeclaredAgent
    {
        [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic), UseModel("big")]
        Task<string> ClassifyAsync(string text, [CacheScope] string tenant);

        [AgentStep("refined"), UseModel("big")]
        Task<string> RefinedAsync(string text);
    }

    public sealed class DeclaredAgent(IStepChatClient chat) : IDeclaredAgent
    {
        public async Task<string> ClassifyAsync(string text, string tenant) => (await chat.GetResponseAsync(text)).Text;

        [UseModel("tiny")]
        public async Task<string> RefinedAsync(string text) => (await chat.GetResponseAsync(text)).Text;
    }

    public sealed class RecordingMiddleware : IStepChatClientMiddleware
    {
        public int Order => 100;

        public List<string> Wrapped { get; } = [];

        public List<StepContext?> Contexts { get; } = [];

        public IChatClient Wrap(IChatClient inner, StepRequirements step)
        {
            Wrapped.Add(step.StepId);
            return new Recorder(inner, Contexts);
        }

        private sealed class Recorder(IChatClient inner, List<StepContext?> contexts) : DelegatingChatClient(inner)
        {
            public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                lock (contexts)
                {
                    contexts.Add(StepContext.Current);
                }

                return base.GetResponseAsync(messages, options, cancellationToken);
            }
        }
    }

    public sealed class OrderLog
    {
        public List<string> Calls { get; } = [];
    }

    private sealed class OrderedMiddleware(int order, string name, OrderLog log) : IStepChatClientMiddleware
    {
        public int Order => order;

        public IChatClient Wrap(IChatClient inner, StepRequirements step) => new Logged(inner, name, log);

        private sealed class Logged(IChatClient inner, string name, OrderLog log) : DelegatingChatClient(inner)
        {
            public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                log.Calls.Add(name);
                return base.GetResponseAsync(messages, options, cancellationToken);
            }
        }
    }
}
