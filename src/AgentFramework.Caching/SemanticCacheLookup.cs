using Microsoft.Extensions.AI;

namespace AgentFramework.Caching;

/// <summary>The result of <see cref="ISemanticCache.LookupAsync"/>.</summary>
/// <param name="Outcome">What the cache decided.</param>
/// <param name="Response">The cached answer on a hit (a fresh copy with provenance), else <c>null</c>.</param>
/// <param name="Reason">Why the request bypassed or why the best candidate was vetoed.</param>
/// <param name="Score">The similarity of the served or vetoed candidate, when there was one.</param>
/// <param name="EntryId">The matched entry id on a hit.</param>
public sealed record SemanticCacheLookup(CacheOutcome Outcome, ChatResponse? Response, string? Reason = null, double? Score = null, string? EntryId = null)
{
    /// <summary>True when <see cref="Response"/> holds a cached answer.</summary>
    public bool IsHit => Response is not null && Outcome is CacheOutcome.ExactHit or CacheOutcome.SemanticHit;
}
