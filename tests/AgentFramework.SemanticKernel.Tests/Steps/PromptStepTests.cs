using AgentFramework.SemanticKernel.Steps;
using AgentFramework.Steps;

namespace AgentFramework.SemanticKernel.Tests.Steps;

public sealed class PromptStepTests
{
    [Fact]
    public void Create_DeclaresCapabilityLevels()
    {
        var step = PromptStep.Create("Faq.Answer", (Capability.Writing, CapabilityLevel.Advanced), (Capability.Classification, CapabilityLevel.Basic));

        Assert.Equal("Faq.Answer", step.StepId);
        Assert.Equal(CapabilityLevel.Advanced, step.Needs.Levels[Capability.Writing]);
        Assert.Equal(CapabilityLevel.Basic, step.Needs.Levels[Capability.Classification]);
        Assert.Null(step.BoundModelId);
        Assert.Same(StepCachePolicy.Default, step.Cache);
    }

    [Fact]
    public void Create_WithFeaturesBindingAndCachePolicy()
    {
        var step = PromptStep.Create("Extract", ModelFeatures.StructuredOutput, "gpt-4.1-mini", StepCachePolicy.Disabled, (Capability.Extraction, CapabilityLevel.Standard));

        Assert.Equal(ModelFeatures.StructuredOutput, step.Needs.Features);
        Assert.Equal("gpt-4.1-mini", step.BoundModelId);
        Assert.False(step.Cache.Enabled);
        Assert.Null(PromptStep.Create("X", ModelFeatures.None, "  ", null).BoundModelId);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void BlankStepId_IsRejected(string id)
    {
        Assert.ThrowsAny<ArgumentException>(() => PromptStep.Create(id));
    }
}
