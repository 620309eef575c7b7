using AgentFramework.CatalogGenerator.Sources;

namespace AgentFramework.CatalogGenerator.Tests.Sources;

public sealed class LiteLlmSourceTests
{
    private const string Json = """
        {
          "sample_spec": {"mode": "one of: chat, embedding", "input_cost_per_token": 0.0},
          "gpt-x": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 4e-06,
                    "cache_read_input_token_cost": 2.5e-07, "max_input_tokens": 128000, "max_output_tokens": 16384,
                    "supports_function_calling": true, "supports_response_schema": true, "supports_vision": false},
          "deepseek/deepseek-y": {"litellm_provider": "deepseek", "mode": "chat", "input_cost_per_token": 2.8e-07, "output_cost_per_token": 4.2e-07,
                    "input_cost_per_token_cache_hit": 2.8e-08, "max_tokens": 8192, "deprecation_date": "2026-01-01",
                    "supports_native_structured_output": true, "supports_reasoning": true, "supports_prompt_caching": true},
          "last_updated": "2026-07-24T18:23:43.215560+00:00"
        }
        """;

    [Fact]
    public void ReadsPricesLimitsFlagsAndFileDate()
    {
        using var folder = new TempDataFolder().With(LiteLlmSource.FileName, Json);
        var (entries, info) = LiteLlmSource.Read(folder.Path);

        Assert.Equal("2026-07-24", info.Date);
        Assert.Equal("MIT", info.Licence);
        Assert.Equal(["gpt-x", "deepseek/deepseek-y"], entries.Select(e => e.Key));

        var x = entries[0];
        Assert.Equal(("openai", "chat", 1e-6, 4e-6, 2.5e-7), (x.Provider, x.Mode, x.InputPerToken, x.OutputPerToken, x.CachedInputPerToken));
        Assert.Equal((128_000L, 16_384L), (x.MaxInputTokens, x.MaxOutputTokens));
        Assert.True(x.FunctionCalling && x.ResponseSchema && !x.Vision && !x.Reasoning);

        var y = entries[1];
        Assert.Equal(2.8e-8, y.CachedInputPerToken);
        Assert.Equal((8192L, 8192L), (y.MaxInputTokens, y.MaxOutputTokens));
        Assert.Equal("2026-01-01", y.DeprecationDate);
        Assert.True(y.ResponseSchema && y.Reasoning && y.PromptCaching && !y.FunctionCalling);
    }

    [Fact]
    public void FileWithoutItsDate_IsRefused()
    {
        using var folder = new TempDataFolder().With(LiteLlmSource.FileName, """{"gpt-x": {"mode": "chat"}}""");
        var ex = Assert.Throws<InvalidDataException>(() => LiteLlmSource.Read(folder.Path));
        Assert.Contains("last_updated", ex.Message, StringComparison.Ordinal);
    }
}
