namespace AgentFramework.VectorSearch;

/// <summary>
/// A store of unit-length vectors partitioned by <see cref="VectorScope"/>, searched by cosine
/// similarity. The embedded index and the Qdrant backend implement it and pass the same
/// conformance suite.
/// </summary>
/// <remarks>
/// <para>Contract every implementation keeps:</para>
/// <list type="bullet">
/// <item>A search returns only entries whose scope equals the query scope, field for field.</item>
/// <item>Expired entries are never returned and do not count.</item>
/// <item>Vectors must have <see cref="Dimensions"/> components, be finite and non-zero; they are
/// normalized on the way in. Anything else is an <see cref="ArgumentException"/> that says why.</item>
/// <item>Results are ordered by descending score; ties by ordinal id.</item>
/// </list>
/// </remarks>
public interface IVectorIndex
{
    /// <summary>The vector dimension the index accepts.</summary>
    int Dimensions { get; }

    /// <summary>Adds or replaces (by id) one entry.</summary>
    ValueTask UpsertAsync(VectorEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces (by id) many entries; later entries win over earlier ones with the same id.</summary>
    ValueTask UpsertBatchAsync(IReadOnlyList<VectorEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>The <paramref name="topK"/> entries of <paramref name="scope"/> closest to <paramref name="query"/>.</summary>
    /// <param name="query">The query vector.</param>
    /// <param name="scope">The exact-match partition to search.</param>
    /// <param name="topK">How many results at most; must be positive.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    ValueTask<IReadOnlyList<VectorMatch>> SearchAsync(ReadOnlyMemory<float> query, VectorScope scope, int topK, CancellationToken cancellationToken = default);

    /// <summary>Removes the entry with <paramref name="id"/>; <c>true</c> when it existed.</summary>
    ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Removes every entry of <paramref name="scope"/>; returns how many.</summary>
    ValueTask<long> DeleteByScopeAsync(VectorScope scope, CancellationToken cancellationToken = default);

    /// <summary>Removes every entry carrying <paramref name="tag"/>; returns how many.</summary>
    ValueTask<long> DeleteByTagAsync(string tag, CancellationToken cancellationToken = default);

    /// <summary>Counts live entries, in <paramref name="scope"/> or in the whole index when <c>null</c>.</summary>
    ValueTask<long> CountAsync(VectorScope? scope = null, CancellationToken cancellationToken = default);
}
