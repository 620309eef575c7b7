using AgentFramework.Routing;
using AgentFramework.Runtime;
using AgentFramework.Steps;
using AgentFramework.Testing.Fakes;
using AgentFramework.Tests.TestDoubles;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentFramework.Tests.Steps;

/// <summary>Bindings and declarations are checked when an agent is resolved or the host starts, never at the first call.</summary>
public class StepBindingValidatorTests
{
    [Fact]
    public void UnknownBoundModel_FailsWhenAgentIsResolvedWithClosestIds()
    {
        using var sp = Build<IUnknownModelAgent, UnknownModelAgent>(out var tiny);
        var ex = Assert.Throws<StepValidationException>(() => sp.GetRequiredService<IUnknownModelAgent>());
        Assert.StartsWith("Step 'UnknownModelAgent.Classify' is bound to 'tinny' ([UseModel]), which is not in the model catalog. Closest catalog ids: tiny", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Fix the id", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, tiny.Calls);
    }

    [Fact]
    public void BoundModelWithoutClient_FailsWithRegistrationFix()
    {
        using var sp = Build<IUnregisteredAgent, UnregisteredAgent>(out _);
        var ex = Assert.Throws<StepValidationException>(() => sp.GetRequiredService<IUnregisteredAgent>());
        var expected = new ModelNotRegisteredException("UnregisteredAgent.Classify", "big", ["tiny"]).Message;
        Assert.Equal(expected, Assert.Single(ex.Problems));
        Assert.Contains("AddModel(\"big\", client)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NeedsNoRegisteredModelMeets_FailWhenRunnerIsResolved()
    {
        using var sp = Build<IUnmetNeedsAgent, UnmetNeedsAgent>(out _);
        var ex = Assert.Throws<StepValidationException>(() => sp.GetRequiredService<IAgentRunner>());
        var problem = Assert.Single(ex.Problems);
        Assert.StartsWith("Step 'UnmetNeedsAgent.Prove' needs ", problem, StringComparison.Ordinal);
        Assert.Contains("Register a stronger model or relax the step's [Requires] attributes.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void BoundStepThatMayDowngrade_NeedsSufficientRegisteredModelToo()
    {
        using var sp = Build<IDowngradeAgent, DowngradeAgent>(out _, "tiny", "frontier");
        var ex = Assert.Throws<StepValidationException>(() => sp.GetRequiredService<IDowngradeAgent>());
        Assert.StartsWith("Step 'DowngradeAgent.Prove' needs ", Assert.Single(ex.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidDeclaration_FailsAtResolutionNamingStepAndDeclaration()
    {
        using var sp = Build<IInvalidAgent, InvalidAgent>(out _);
        var ex = Assert.Throws<StepValidationException>(() => sp.GetRequiredService<IInvalidAgent>());
        Assert.Collection(
            ex.Problems,
            p => Assert.Equal("Step 'InvalidAgent.Classify': method 'IInvalidAgent.ClassifyAsync' declares Budget(0); it must be a positive number of US dollars per month.", p),
            p => Assert.StartsWith("Step 'InvalidAgent.Quote': method 'InvalidAgent.QuoteAsync' marks parameter 'customer' of type 'Customer' as part of the cache scope", p, StringComparison.Ordinal));
        Assert.StartsWith("2 agent steps cannot run:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateOnStart_ReportsSameProblemsWhenHostStarts()
    {
        using var sp = Build<IUnregisteredAgent, UnregisteredAgent>(out _);
        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(new ModelNotRegisteredException("UnregisteredAgent.Classify", "big", ["tiny"]).Message, ex.Failures);
    }

    [Fact]
    public async Task ValidAgent_ResolvesAndRuns()
    {
        using var sp = Build<IValidAgent, ValidAgent>(out var tiny);
        sp.GetRequiredService<IStartupValidator>().Validate();
        var agent = sp.GetRequiredService<IValidAgent>();
        Assert.Equal("[tiny] hello", await agent.ClassifyAsync("hello"));
        Assert.Equal(1, tiny.Calls);
    }

    [Fact]
    public void RegisteredModelIdNotInCatalog_FailsWhenAgentIsResolved()
    {
        using var sp = Build<IValidAgent, ValidAgent>(out _, "tinny");
        var ex = Assert.Throws<AgentFramework.Catalog.UnknownModelException>(() => sp.GetRequiredService<IValidAgent>());
        Assert.Equal("tiny", ex.CloseMatches[0]);
    }

    [Fact]
    public void WithoutRegisteredAgents_NothingIsValidated()
    {
        var services = new ServiceCollection();
        services.AddSingleton(TestCatalog.Load());
        services.AddAgentFramework();
        using var sp = services.BuildServiceProvider();
        sp.GetRequiredService<IStartupValidator>().Validate();
        Assert.NotNull(sp.GetRequiredService<IAgentRunner>());
    }

    private static ServiceProvider Build<TInterface, TAgent>(out FakeChatClient first, params string[] models)
        where TInterface : class
        where TAgent : class, TInterface
    {
        var services = new ServiceCollection();
        services.AddSingleton(TestCatalog.Load());
        var builder = services.AddAgentFramework().AddAgent<TInterface, TAgent>();
        first = null!;
        foreach (var id in models.Length == 0 ? ["tiny"] : models)
        {
            var client = new FakeChatClient(id);
            first ??= client;
            builder.AddModel(id, client);
        }

        return services.BuildServiceProvider(validateScopes: true);
    }

    public interface IUnknownModelAgent
    {
        Task<string> ClassifyAsync(string text);
    }

    public sealed class UnknownModelAgent(IStepChatClient chat) : IUnknownModelAgent
    {
        [AgentStep, UseModel("tinny")]
        public async Task<string> ClassifyAsync(string text) => (await chat.GetResponseAsync(text)).Text;
    }

    public interface IUnregisteredAgent
    {
        [AgentStep, UseModel("big")]
        Task<string> ClassifyAsync(string text);
    }

    public sealed class UnregisteredAgent(IStepChatClient chat) : IUnregisteredAgent
    {
        public async Task<string> ClassifyAsync(string text) => (await chat.GetResponseAsync(text)).Text;
    }

    public interface IUnmetNeedsAgent
    {
        Task<string> ProveAsync(string text);
    }

    public sealed class UnmetNeedsAgent(IStepChatClient chat) : IUnmetNeedsAgent
    {
        [AgentStep, Requires(Capability.Math, CapabilityLevel.Frontier)]
        public async Task<string> ProveAsync(string text) => (await chat.GetResponseAsync(text)).Text;
    }

    public interface IDowngradeAgent
    {
        Task<string> ProveAsync(string text);
    }

    public sealed class DowngradeAgent(IStepChatClient chat) : IDowngradeAgent
    {
        [AgentStep, Requires(Capability.Math, CapabilityLevel.Frontier), UseModel("frontier"), Budget(10, Policy = BudgetPolicy.Downgrade)]
        public async Task<string> ProveAsync(string text) => (await chat.GetResponseAsync(text)).Text;
    }

    public interface IInvalidAgent
    {
        [AgentStep, Budget(0)]
        Task<string> ClassifyAsync(string text);

        Task<string> QuoteAsync(string text, Customer customer);
    }

    public sealed class InvalidAgent(IStepChatClient chat) : IInvalidAgent
    {
        public async Task<string> ClassifyAsync(string text) => (await chat.GetResponseAsync(text)).Text;

        [AgentStep]
        public async Task<string> QuoteAsync(string text, [CacheScope] Customer customer) => (await chat.GetResponseAsync(text)).Text;
    }

    public sealed class Customer
    {
        public string Id { get; set; } = "";
    }

    public interface IValidAgent
    {
        [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
        Task<string> ClassifyAsync(string text);
    }

    public sealed class ValidAgent(IStepChatClient chat) : IValidAgent
    {
        public async Task<string> ClassifyAsync(string text) => (await chat.GetResponseAsync(text)).Text;
    }
}
