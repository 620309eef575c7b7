using AgentFramework.SemanticKernel.ChatCompletion;
using AgentFramework.SemanticKernel.Filters;
using AgentFramework.SemanticKernel.Selection;
using AgentFramework.SemanticKernel.Tests.Fakes;
using AgentFramework.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace AgentFramework.SemanticKernel.Tests.DependencyInjection;

public sealed class AgentFrameworkKernelServiceCollectionExtensionsTests
{
    [Fact]
    public async Task MissingAgentFrameworkRuntime_FailsWithMessageThatSaysWhatToCall()
    {
        var services = new ServiceCollection();
        services.AddAgentFrameworkKernel();
        await using var provider = services.BuildServiceProvider();
        var kernel = provider.GetRequiredService<Kernel>();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => kernel.InvokePromptAsync("hello"));

        Assert.Contains("AddAgentFramework()", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KernelBuilderRegistration_RoutesPromptFunctionsThroughStepPipeline()
    {
        var cheap = new FakeChatClient(KernelHarness.CheapModel);
        var builder = Kernel.CreateBuilder();
        builder.Services.AddAgentFramework().AddModel(KernelHarness.CheapModel, cheap);
        builder.AddAgentFramework(o => o.DefaultStepId = "Builder.Chat");
        var kernel = builder.Build();

        var result = await kernel.InvokePromptAsync("Say hi");

        Assert.Equal("[gpt-4.1-nano] Say hi", result.GetValue<string>());
        Assert.Equal(1, cheap.Calls);
        Assert.IsType<CapabilityServiceSelector>(kernel.ServiceSelector);
        Assert.Contains(kernel.FunctionInvocationFilters, f => f is StepContextFilter);
    }

    [Fact]
    public void Selector_CanBeLeftOutAndApplicationChatServiceIsKept()
    {
        var own = new FakeChatClient("own-model").AsChatCompletionService();
        var services = new ServiceCollection();
        services.AddSingleton(own);
        services.AddAgentFramework().AddModel(KernelHarness.CheapModel, new FakeChatClient(KernelHarness.CheapModel));
        services.AddAgentFrameworkKernel(o => o.UseCapabilitySelector = false);
        using var provider = services.BuildServiceProvider();
        var kernel = provider.GetRequiredService<Kernel>();

        Assert.IsNotType<CapabilityServiceSelector>(kernel.ServiceSelector);
        Assert.Same(own, kernel.GetRequiredService<IChatCompletionService>());
        Assert.NotNull(provider.GetRequiredService<AgentFrameworkChatCompletionService>());
    }

    [Fact]
    public void RegisteringTwice_AddsFilterOnce()
    {
        var services = new ServiceCollection();
        services.AddAgentFramework().AddModel(KernelHarness.CheapModel, new FakeChatClient(KernelHarness.CheapModel));
        services.AddAgentFrameworkKernel();
        services.AddAgentFrameworkKernel();
        using var provider = services.BuildServiceProvider();

        Assert.Single(provider.GetRequiredService<Kernel>().FunctionInvocationFilters.OfType<StepContextFilter>());
    }
}
