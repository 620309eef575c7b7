using System.ComponentModel.DataAnnotations;

namespace AgentFramework.Qdrant;

/// <summary>Settings of <see cref="QdrantVectorIndex"/>: where the server is, which collection to use and how long to wait.</summary>
/// <remarks>
/// The defaults suit the local all-MiniLM-L6-v2 embedding model (384 dimensions) and a cache that must
/// fail open: a short per-call deadline, so a slow or dead server costs a request at most
/// <see cref="Timeout"/> before the cache falls back to the model.
/// </remarks>
public sealed class QdrantVectorIndexOptions
{
    /// <summary>The default gRPC endpoint of a local Qdrant server.</summary>
    public const string DefaultEndpoint = "http://localhost:6334";

    /// <summary>The default collection name.</summary>
    public const string DefaultCollectionName = "agentframework_semantic_cache";

    /// <summary>The Qdrant gRPC endpoint (port 6334 by default, not the 6333 REST port).</summary>
    /// <value>Defaults to <c>http://localhost:6334</c>. Use <c>https://</c> for TLS (Qdrant Cloud).</value>
    [Required]
    public Uri Endpoint { get; set; } = new(DefaultEndpoint);

    /// <summary>The API key sent with every call, or <c>null</c> for an unsecured server.</summary>
    /// <value>Defaults to <c>null</c>.</value>
    public string? ApiKey { get; set; }

    /// <summary>The collection holding the cache's vectors; created on first use when missing.</summary>
    /// <value>Defaults to <c>agentframework_semantic_cache</c>.</value>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,255}$", ErrorMessage = "Collection names use 1 to 255 letters, digits, '_', '-' or '.'.")]
    public string CollectionName { get; set; } = DefaultCollectionName;

    /// <summary>The vector dimension; must equal the embedding model's.</summary>
    /// <value>Defaults to 384 (all-MiniLM-L6-v2).</value>
    [Range(1, 65536)]
    public int Dimensions { get; set; } = 384;

    /// <summary>The deadline of each call to the server, after which the operation fails with <see cref="QdrantVectorIndexException"/>.</summary>
    /// <value>Defaults to 2 seconds: long enough for a healthy server under load, short enough for a fail-open cache.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many points one upsert request carries at most; larger batches are split.</summary>
    /// <value>Defaults to 256, which keeps a request of 384-d vectors and cache payloads well under gRPC's 4 MiB message limit in typical use.</value>
    [Range(1, 10_000)]
    public int UpsertBatchSize { get; set; } = 256;

    /// <summary>Whether writes wait until the server has applied them, so a search right after a write sees it.</summary>
    /// <value>Defaults to <c>true</c>; <c>false</c> lowers write latency at the price of read-your-writes.</value>
    public bool WaitForWrites { get; set; } = true;

    /// <summary>
    /// How often expired points are deleted, or <c>null</c> to never purge (they are still never returned,
    /// because every query filters on the expiry timestamp).
    /// </summary>
    /// <value>Defaults to 15 minutes.</value>
    public TimeSpan? PurgeInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Whether the scope-key payload index is marked as a tenant index, so Qdrant co-locates each scope's points.</summary>
    /// <value>Defaults to <c>true</c>: searches always filter on one scope, which is the access pattern tenant indexes serve.</value>
    public bool ScopeKeyIsTenant { get; set; } = true;
}
