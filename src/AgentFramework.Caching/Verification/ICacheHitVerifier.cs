namespace AgentFramework.Caching.Verification;

/// <summary>
/// One stage of the hit decision. A candidate that reached the similarity threshold is served only when
/// every stage accepts it; the first veto wins and its reason is logged, counted and reported.
/// </summary>
/// <remarks>
/// Embedding similarity alone cannot tell "enable 2FA" from "disable 2FA" (cosine ≈ 0.9): stages look at
/// the words themselves. Stages must be fast (microseconds), thread-safe and must not throw; a stage that
/// throws is treated as a veto.
/// </remarks>
public interface ICacheHitVerifier
{
    /// <summary>A short, stable name used in logs, metrics and provenance (e.g. <c>"slot-guard"</c>).</summary>
    string Name { get; }

    /// <summary>Accepts or vetoes serving the answer of <see cref="CacheHitCandidate.CachedPrompt"/> for <see cref="CacheHitCandidate.Prompt"/>.</summary>
    CacheVerdict Verify(in CacheHitCandidate candidate);
}

/// <summary>A stored prompt that reached the threshold for a new prompt.</summary>
/// <param name="Prompt">The new request's prompt.</param>
/// <param name="CachedPrompt">The stored prompt whose answer would be served.</param>
/// <param name="Similarity">Their cosine similarity.</param>
/// <param name="Threshold">The threshold in force for this request.</param>
public readonly record struct CacheHitCandidate(string Prompt, string CachedPrompt, double Similarity, double Threshold);

/// <summary>A verifier's decision.</summary>
/// <param name="Accepted">True to allow the hit.</param>
/// <param name="Reason">A short, stable reason code for a veto (e.g. <c>"number-mismatch"</c>), or a note for an acceptance.</param>
public readonly record struct CacheVerdict(bool Accepted, string? Reason)
{
    /// <summary>An acceptance with no note.</summary>
    public static CacheVerdict Accept { get; } = new(true, null);

    /// <summary>A veto with <paramref name="reason"/>.</summary>
    public static CacheVerdict Veto(string reason) => new(false, reason);
}
