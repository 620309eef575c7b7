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

    /// <summary>
    /// Output: the cosine similarity of a semantic hit (1.0 on an exact hit); on a miss or veto, the similarity of
    /// the nearest stored prompt in the scope (absent when the semantic tier was not searched or the scope is empty).
    /// </summary>
    public const string Score = "agentframework.cache.score";

    /// <summary>Output: the id of the matched entry (exact key or vector entry id).</summary>
    public const string EntryId = "agentframework.cache.entry";

    /// <summary>Output: the verifiers' verdicts on the served candidate, e.g. <c>"slot-guard:accept; learned:accept(p=0.91)"</c>.</summary>
    public const string Verdicts = "agentframework.cache.verdicts";

    /// <summary>
    /// Output: why the request bypassed the cache (<c>tenant-required</c>, <c>tenant-missing</c>, <c>tenant-invalid</c>,
    /// <c>conversation-id</c>, <c>step-disabled</c> for <c>[NoCache]</c>/<c>[HasSideEffects]</c>, <c>skip-requested</c>,
    /// <c>empty</c>, <c>too-long</c>, <c>invalid-utf16</c>, <c>non-text-content</c>, <c>no-user-message</c>,
    /// <c>last-message-not-user</c>, <c>fault</c> when planning the lookup failed), why a candidate was vetoed (<c>slot-guard:number-mismatch</c>, …), or why
    /// the semantic tier was skipped on a miss (<c>prompt-past-embedding-window</c>, <c>embedder-timeout</c>, …).
    /// </summary>
    public const string Reason = "agentframework.cache.reason";
}
