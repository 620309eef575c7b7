using AgentFramework.SemanticKernel.ChatCompletion;
using AgentFramework.SemanticKernel.Filters;
using AgentFramework.SemanticKernel.Selection;
using AgentFramework.SemanticKernel.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace AgentFramework.SemanticKernel.Tests.DependencyInjection;

public sealed class AgentFrameworkKernelServiceCollectionExtensionsTests
{
    [Fact]
    public async Task Missing_AgentFramework_runtime_fails_with_a_message_that_says_what_to_call()
    {
        var services = new ServiceCollection();
        services.AddAgentFrameworkKernel();
        await using var provider = services.BuildServiceProvider();
        var kernel = provider.GetRequiredService<Kernel>();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => kernel.InvokePromptAsync("hello"));

        Assert.Contains("AddAgentFramework()", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kernel_builder_registration_routes_prompt_functions_through_the_step_pipeline()
    {
        var cheap = new FakeModelClient(KernelHarness.CheapModel);
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
    public void Selector_can_be_left_out_and_an_application_chat_service_is_kept()
    {
        var own = new FakeModelClient("own-model").AsChatCompletionService();
        var services = new ServiceCollection();
        services.AddSingleton(own);
        services.AddAgentFramework().AddModel(KernelHarness.CheapModel, new FakeModelClient(KernelHarness.CheapModel));
        services.AddAgentFrameworkKernel(o => o.UseCapabilitySelector = false);
        using var provider = services.BuildServiceProvider();
        var kernel = provider.GetRequiredService<Kernel>();

        Assert.IsNotType<CapabilityServiceSelector>(kernel.ServiceSelector);
        Assert.Same(own, kernel.GetRequiredService<IChatCompletionService>());
        Assert.NotNull(provider.GetRequiredService<AgentFrameworkChatCompletionService>());
    }

    [Fact]
    public void Registering_twice_adds_the_filter_once()
    {
        var services = new ServiceCollection();
        services.AddAgentFramework().AddModel(KernelHarness.CheapModel, new FakeModelClient(KernelHarness.CheapModel));
        services.AddAgentFrameworkKernel();
        services.AddAgentFrameworkKernel();
        using var provider = services.BuildServiceProvider();

        Assert.Single(provider.GetRequiredService<Kernel>().FunctionInvocationFilters.OfType<StepContextFilter>());
    }
}
