using AgentFramework.Hosting.AgentsAI.Tests.Fakes;
using AgentFramework.Hosting.AgentsAI.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Hosting.AgentsAI.Tests.Tools;

public sealed class AgentStepFunctionsTests
{
    [Fact]
    public void EveryAgentStepMethod_BecomesToolNamedWithoutAsyncCarryingItsStep()
    {
        using var harness = new AgentHarness(_ => { }, cache: false);
        var tools = AgentStepFunctions.Create<DeskAgent>(harness.Services);

        Assert.Equal(["Classify", "DecideRefund", "ClassifyFor", "SendReply"], tools.Select(t => t.Name));
        var classify = tools[0];
        Assert.Equal("Label a ticket as billing, shipping, technical or account", classify.Description);
        Assert.Equal("DeskAgent.Classify", classify.Step.StepId);
        Assert.Equal("DeskAgent.Classify", classify.AdditionalProperties[AgentStepFunctions.StepIdProperty]);
        Assert.True(tools.Single(t => t.Name == "SendReply").Step.HasSideEffects);

        // The model sees the method's parameters, not the cancellation token.
        Assert.Contains("\"ticket\"", classify.JsonSchema.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("cancellationToken", classify.JsonSchema.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void AgentWithoutStepsOrInterface_IsRejectedWithClearMessage()
    {
        var none = Assert.Throws<ArgumentException>(() => AgentStepFunctions.Create(new NoStepAgent()));
        Assert.Contains("[AgentStep]", none.Message, StringComparison.Ordinal);

        using var provider = new ServiceCollection().BuildServiceProvider();
        var iface = Assert.Throws<ArgumentException>(() => AgentStepFunctions.Create<IDisposable>(provider));
        Assert.Contains("interface", iface.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokingTool_EntersItsStepSoMethodIsRoutedAsThatStepWithItsCacheScopeTenant()
    {
        using var harness = new AgentHarness(_ => { }, cache: false);
        var tool = AgentStepFunctions.Create<DeskAgent>(harness.Services).Single(t => t.Name == "ClassifyFor");

        // Arguments arrive from the model as JSON; no step is current here (as in a ChatClientAgent's tool loop).
        var arguments = new AIFunctionArguments(new Dictionary<string, object?>
        {
            ["ticket"] = System.Text.Json.JsonDocument.Parse("\"My card was charged twice\"").RootElement,
            ["account"] = System.Text.Json.JsonDocument.Parse("\"acme\"").RootElement,
        });
        var result = await tool.InvokeAsync(arguments);

        var seen = Assert.Single(harness.Recorder.Calls);
        Assert.Equal("DeskAgent.ClassifyFor", seen.PipelineStepId);
        Assert.Equal("DeskAgent.ClassifyFor", seen.CurrentStepId);
        Assert.Equal("acme", seen.TenantScope);
        Assert.Equal(1, harness.NanoClient.Calls);
        Assert.Contains("gpt-4.1-nano", result?.ToString(), StringComparison.Ordinal);
        Assert.Equal(AgentHarness.Nano, harness.Ledger.StepModels.Single(l => l.StepId == "DeskAgent.ClassifyFor" && l.Calls > 0).ModelId);
    }
}
