namespace AgentFramework.Caching.Invalidation;

/// <summary>
/// One invalidation, as broadcast between cache instances that share an L2 store and a vector index.
/// </summary>
/// <remarks>
/// HybridCache and in-process indexes only invalidate locally; instances that keep an L1 copy would
/// otherwise serve stale answers until it expires. Exactly one of <paramref name="Tag"/> and
/// <paramref name="ScopeKey"/> is normally set.
/// </remarks>
/// <param name="Tag">The tag whose entries were removed, or <c>null</c>.</param>
/// <param name="ScopeKey">The tenant/user scope whose entries were removed, or <c>null</c>.</param>
/// <param name="SourceInstanceId">The instance that published the message; receivers ignore their own messages.</param>
public sealed record CacheInvalidation(string? Tag, string? ScopeKey, string SourceInstanceId);
