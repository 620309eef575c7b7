namespace AgentFramework.VectorSearch;

/// <summary>One stored vector with its scope, tags, expiry and a small payload.</summary>
/// <remarks>
/// Ids are unique across the whole index (not per scope): upserting an existing id replaces the
/// entry, even when the new entry has another scope.
/// </remarks>
public sealed class VectorEntry
{
    /// <summary>The longest id, in characters.</summary>
    public const int MaxIdLength = 256;

    /// <summary>The largest payload, in characters.</summary>
    public const int MaxPayloadLength = 1 << 20;

    /// <summary>Creates an entry.</summary>
    /// <param name="id">A unique id, 1 to <see cref="MaxIdLength"/> characters.</param>
    /// <param name="vector">The embedding; the index validates its dimension and values.</param>
    /// <param name="scope">The exact-match partition the entry belongs to.</param>
    /// <param name="payload">An opaque string (at most <see cref="MaxPayloadLength"/> characters), e.g. a cache record.</param>
    /// <param name="tags">Tags that <see cref="IVectorIndex.DeleteByTagAsync"/> can remove together.</param>
    /// <param name="expiresAt">When the entry stops being returned; <c>null</c> = never.</param>
    public VectorEntry(string id, ReadOnlyMemory<float> vector, VectorScope scope, string? payload = null, IReadOnlyList<string>? tags = null, DateTimeOffset? expiresAt = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(scope);
        if (id.Length > MaxIdLength)
        {
            throw new ArgumentException($"Vector entry ids have at most {MaxIdLength} characters.", nameof(id));
        }

        if (payload is not null && payload.Length > MaxPayloadLength)
        {
            throw new ArgumentException($"Vector entry payloads have at most {MaxPayloadLength} characters.", nameof(payload));
        }

        Id = id;
        Vector = vector;
        Scope = scope;
        Payload = payload;
        Tags = tags ?? [];
        ExpiresAt = expiresAt;
    }

    /// <summary>The unique id.</summary>
    public string Id { get; }

    /// <summary>The vector.</summary>
    public ReadOnlyMemory<float> Vector { get; }

    /// <summary>The scope.</summary>
    public VectorScope Scope { get; }

    /// <summary>The opaque payload.</summary>
    public string? Payload { get; }

    /// <summary>The tags.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>The expiry, or <c>null</c>.</summary>
    public DateTimeOffset? ExpiresAt { get; }
}
