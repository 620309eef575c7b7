using AgentFramework.VectorSearch;

namespace AgentFramework.Caching.Scoping;

/// <summary>What the cache decided to do with one request before looking anything up.</summary>
internal sealed class CacheRequestPlan
{
    private CacheRequestPlan()
    {
    }

    /// <summary>Non-null when the request skips the cache; a short, stable reason code.</summary>
    public string? BypassReason { get; private init; }

    public string StepId { get; private init; } = "-";

    /// <summary>The last user message as sent (what is embedded and verified).</summary>
    public string Prompt { get; private init; } = "";

    public string ExactKey { get; private init; } = "";

    public VectorScope Scope { get; private init; } = VectorScope.Empty;

    public string? TenantScope { get; private init; }

    public IReadOnlyList<string> Tags { get; private init; } = [];

    public bool Semantic { get; private init; }

    public double Threshold { get; private init; }

    public TimeSpan Ttl { get; private init; }

    public static CacheRequestPlan Bypass(string reason, string stepId) => new() { BypassReason = reason, StepId = stepId };

    public static CacheRequestPlan Create(string stepId, string prompt, string exactKey, VectorScope scope, string? tenant, IReadOnlyList<string> tags, bool semantic, double threshold, TimeSpan ttl) =>
        new()
        {
            StepId = stepId,
            Prompt = prompt,
            ExactKey = exactKey,
            Scope = scope,
            TenantScope = tenant,
            Tags = tags,
            Semantic = semantic,
            Threshold = threshold,
            Ttl = ttl,
        };
}
