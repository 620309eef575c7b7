namespace AgentFramework.Caching;

/// <summary>
/// Keys the cache reads from <c>ChatOptions.AdditionalProperties</c> and writes to
/// <c>ChatResponse.AdditionalProperties</c> (hit provenance).
/// </summary>
public static class SemanticCacheProperties
{
    /// <summary>Input: the tenant/user scope of a request made outside the step runtime (a string).</summary>
    public const string TenantScope = "agentframework.cache.tenant";

    /// <summary>Input: extra invalidation tags for the stored answer (a <c>string[]</c> or <c>IEnumerable&lt;string&gt;</c>).</summary>
    public const string Tags = "agentframework.cache.tags";

    /// <summary>Input: <c>true</c> to skip the cache for this request.</summary>
    public const string Skip = "agentframework.cache.skip";

    /// <summary>Output: <c>"exact"</c> or <c>"semantic"</c> on a hit, <c>"miss"</c>, <c>"vetoed"</c> or <c>"bypass"</c> otherwise.</summary>
    public const string Outcome = "agentframework.cache.outcome";

    /// <summary>Output: the cosine similarity of a semantic hit (double).</summary>
    public const string Score = "agentframework.cache.score";

    /// <summary>Output: the id of the matched entry (exact key or vector entry id).</summary>
    public const string EntryId = "agentframework.cache.entry";

    /// <summary>Output: the verifiers' verdicts on the served candidate, e.g. <c>"slot-guard:accept; learned:accept(p=0.91)"</c>.</summary>
    public const string Verdicts = "agentframework.cache.verdicts";

    /// <summary>Output: why the request bypassed the cache or why a candidate was vetoed.</summary>
    public const string Reason = "agentframework.cache.reason";
}
