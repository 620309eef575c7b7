using AgentFramework.Hosting.AgentsAI.ChatClients;
using AgentFramework.Hosting.AgentsAI.Tests.Fakes;
using AgentFramework.Hosting.AgentsAI.Tools;
using AgentFramework.Testing.Fakes;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Hosting.AgentsAI.Tests.DependencyInjection;

public sealed class StepRoutedAgentServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddStepRoutedAgent_RegistersOneKeyedChatClientAgentOverStepRoutedClientWithStepTools()
    {
        using var harness = new AgentHarness(
            o =>
            {
                o.Instructions = "Be brief.";
                o.AddStepTools<DeskAgent>();
                o.AddTool(AIFunctionFactory.Create(DeskAgent.OrderStatus));
            },
            cache: false);

        var agent = Assert.IsType<ChatClientAgent>(harness.Agent);
        Assert.Same(agent, harness.Services.GetRequiredKeyedService<ChatClientAgent>("desk"));
        Assert.Equal("desk", agent.Name);
        Assert.Equal("Be brief.", agent.Instructions);
        Assert.NotNull(agent.ChatClient.GetService<StepRoutedChatClient>());

        // The tools the model is offered (what reached the upstream model).
        await agent.RunAsync("hello");
        var tools = harness.NanoClient.Requests.Concat(harness.MiniClient.Requests).Concat(harness.O3Client.Requests).Single().Options?.Tools ?? [];
        Assert.Equal(["Classify", "DecideRefund", "ClassifyFor", "SendReply", "OrderStatus"], tools.Select(t => t.Name));
        Assert.Equal(4, tools.OfType<AgentStepFunction>().Count());
    }

    [Fact]
    public void WithoutAddAgentFramework_ResolvingAgentFailsWithClearMessage()
    {
        var services = new ServiceCollection();
        services.AddStepRoutedAgent("desk", o => o.Instructions = "x");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredKeyedService<AIAgent>("desk"));
        Assert.Contains("AddAgentFramework()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddStepRoutedChatClient_RegistersUnboundClientWithItsOptions()
    {
        var services = new ServiceCollection();
        services.AddAgentFramework().AddModel(AgentHarness.Nano, new FakeChatClient(AgentHarness.Nano));
        services.AddStepRoutedChatClient(o => o.DefaultStepId = "MyApp.Chat");
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<StepRoutedChatClient>();
        Assert.Null(client.Step);
        Assert.Equal("MyApp.Chat", client.ResolveStep([new ChatMessage(ChatRole.User, "hi")], null).StepId);
    }
}
