namespace AgentFramework.CatalogGenerator.Sources;

/// <summary>The short source names used in evidence records and in the mapping table.</summary>
internal static class SourceNames
{
    /// <summary>litellm's price and context-window file.</summary>
    public const string LiteLlm = "litellm";

    /// <summary>Epoch AI's Capabilities Index.</summary>
    public const string EpochEci = "epoch-eci";

    /// <summary>Epoch AI's own benchmark runs.</summary>
    public const string EpochRuns = "epoch-runs";

    /// <summary>llm-stats leaderboard scores (mostly vendor-reported).</summary>
    public const string LlmStats = "llmstats";
}
