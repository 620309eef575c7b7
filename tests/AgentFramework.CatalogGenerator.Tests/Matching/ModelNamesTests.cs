using AgentFramework.CatalogGenerator.Matching;

namespace AgentFramework.CatalogGenerator.Tests.Matching;

public sealed class ModelNamesTests
{
    [Theory]
    [InlineData("gpt-4.1", "gpt-4.1")]
    [InlineData("  GPT-4.1 ", "gpt-4.1")]
    [InlineData("openai/gpt-4.1", "gpt-4.1")]
    [InlineData("groq/openai/gpt-oss-120b", "gpt-oss-120b")]
    [InlineData("gpt-5-2025-08-07_high", "gpt-5-2025-08-07")]
    [InlineData("claude-opus-4-1-20250805_27K", "claude-opus-4-1-20250805")]
    [InlineData("o4-mini-2025-04-16_medium", "o4-mini-2025-04-16")]
    [InlineData("DeepSeek-R1-0528", "deepseek-r1-0528")]
    [InlineData("Llama-2-70b-hf ", "llama-2-70b-hf")]
    public void Normalize(string name, string expected) => Assert.Equal(expected, ModelNames.Normalize(name));

    [Theory]
    [InlineData("gpt-4.1-2025-04-14", "gpt-4.1")]
    [InlineData("gpt-5-2025-08-07_high", "gpt-5")]
    [InlineData("claude-opus-4-1-20250805", "claude-opus-4-1")]
    [InlineData("claude-haiku-4-5-20251015", "claude-haiku-4-5")]
    [InlineData("gemini-2.5-pro-preview-06-05", "gemini-2.5-pro")]
    [InlineData("gemini-2.5-flash-preview-09-2025", "gemini-2.5-flash")]
    [InlineData("gemini-2.5-pro-exp-03-25", "gemini-2.5-pro")]
    [InlineData("gemini-2.0-flash-001", "gemini-2.0-flash")]
    [InlineData("grok-4-0709", "grok-4")]
    [InlineData("mistral-large-2411", "mistral-large")]
    [InlineData("command-r-plus-08-2024", "command-r-plus")]
    [InlineData("kimi-k2-0905-preview", "kimi-k2")]
    [InlineData("jamba-1.5-large@001", "jamba-1.5-large")]
    [InlineData("deepseek-v3.2-exp", "deepseek-v3.2")]
    [InlineData("gpt-oss-120b", "gpt-oss-120b")]
    [InlineData("o3-mini", "o3-mini")]
    [InlineData("gpt-3.5-turbo-16k", "gpt-3.5-turbo-16k")]
    [InlineData("qwen3-235b-a22b", "qwen3-235b-a22b")]
    public void Family(string name, string expected) => Assert.Equal(expected, ModelNames.Family(name));

    [Fact]
    public void DifferentLines_StayApart()
    {
        Assert.NotEqual(ModelNames.Family("o3-mini-2025-01-31"), ModelNames.Family("o3-2025-04-16"));
        Assert.NotEqual(ModelNames.Family("gpt-4o-mini-2024-07-18"), ModelNames.Family("gpt-4o-2024-08-06"));
        Assert.NotEqual(ModelNames.Family("gpt-5.1"), ModelNames.Family("gpt-5"));
    }

    [Theory]
    [InlineData("gpt-4.1", true)]
    [InlineData("gpt-4.1-2025-04-14", false)]
    [InlineData("mistral-medium-2508", false)]
    public void IsUndated(string name, bool expected) => Assert.Equal(expected, ModelNames.IsUndated(name));
}
