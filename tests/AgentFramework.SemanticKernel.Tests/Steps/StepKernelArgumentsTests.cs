using AgentFramework.SemanticKernel.Steps;
using Microsoft.SemanticKernel;

namespace AgentFramework.SemanticKernel.Tests.Steps;

public sealed class StepKernelArgumentsTests
{
    [Fact]
    public void WithStep_RoundTripsAndLeavesTemplateVariablesAlone()
    {
        var step = PromptStep.Create("Faq.Answer");
        var arguments = new KernelArguments { ["question"] = "q" }.WithStep(step).WithTenant("acme").WithConversation("c-1");

        Assert.Same(step, arguments.GetStep());
        Assert.Equal("q", arguments["question"]);
        Assert.Equal("acme", arguments[StepKernelArguments.TenantArgument]);
        Assert.Equal("c-1", arguments[StepKernelArguments.ConversationArgument]);
        Assert.Null(new KernelArguments().GetStep());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void BlankTenantOrConversation_IsRejected(string value)
    {
        Assert.ThrowsAny<ArgumentException>(() => new KernelArguments().WithTenant(value));
        Assert.ThrowsAny<ArgumentException>(() => new KernelArguments().WithConversation(value));
    }

    [Fact]
    public void NullStep_IsRejected()
    {
        Assert.Throws<ArgumentNullException>(() => new KernelArguments().WithStep(null!));
    }

    [Fact]
    public async Task ReservedArguments_DoNotReachRenderedPrompt()
    {
        var kernel = new Kernel();
        var arguments = new KernelArguments { ["q"] = "hello" }.WithStep(PromptStep.Create("S")).WithTenant("acme");

        var rendered = await new KernelPromptTemplateFactory().Create(new PromptTemplateConfig("Say {{$q}}")).RenderAsync(kernel, arguments);

        Assert.Equal("Say hello", rendered);
    }
}
