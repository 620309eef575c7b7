namespace AgentFramework.Caching;

/// <summary>What a cache lookup decided.</summary>
public enum CacheOutcome
{
    /// <summary>Nothing similar enough was stored; the request went upstream.</summary>
    Miss = 0,

    /// <summary>An exact (normalized) repeat was served.</summary>
    ExactHit = 1,

    /// <summary>A paraphrase was served from the semantic tier.</summary>
    SemanticHit = 2,

    /// <summary>A candidate passed the similarity threshold but the verifier vetoed it (e.g. a changed number); the request went upstream.</summary>
    Vetoed = 3,

    /// <summary>The cache was not consulted (no-cache step, empty or oversize prompt, missing tenant scope, fault).</summary>
    Bypassed = 4,
}
