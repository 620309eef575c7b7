namespace AgentFramework.CatalogGenerator.Sources;

/// <summary>One entry of litellm's price file, reduced to what the catalog uses. Prices are per token.</summary>
internal sealed record LiteLlmEntry(
    string Key,
    string Provider,
    string Mode,
    double? InputPerToken,
    double? OutputPerToken,
    double? CachedInputPerToken,
    long? MaxInputTokens,
    long? MaxOutputTokens,
    string? DeprecationDate,
    bool FunctionCalling,
    bool ResponseSchema,
    bool Vision,
    bool PromptCaching,
    bool Reasoning);
