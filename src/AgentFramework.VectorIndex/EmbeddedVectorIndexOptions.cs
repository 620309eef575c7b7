using System.ComponentModel.DataAnnotations;

namespace AgentFramework.VectorIndex;

/// <summary>Settings of an <see cref="EmbeddedVectorIndex"/>.</summary>
/// <remarks>
/// The defaults suit the semantic cache with the bundled 384-dimensional MiniLM model: exact scans
/// for small scopes (a scan of a few thousand vectors costs well under a millisecond and is always
/// right), a graph index only for scopes large enough to need one, and durable writes when a
/// directory is given. Every setting is checked by DataAnnotations (<see cref="RangeAttribute"/> and the
/// cross-setting rules of <see cref="IValidatableObject"/>): at registration by <c>AddEmbeddedVectorIndex</c>
/// (<c>ValidateDataAnnotations().ValidateOnStart()</c>) and by the index's constructor (<see cref="Validate()"/>).
/// </remarks>
public sealed class EmbeddedVectorIndexOptions : IValidatableObject
{
    /// <summary>The vector dimension the index accepts.</summary>
    /// <value>384, the output size of all-MiniLM-L6-v2.</value>
    [Range(1, 16_384)]
    public int Dimensions { get; set; } = 384;

    /// <summary>
    /// The directory holding the log and snapshots; <c>null</c> keeps the index in memory only
    /// (everything is lost when the process ends). One index per directory: a second process
    /// opening the same directory is refused. A damaged file costs only its damaged records: the
    /// open keeps the damaged bytes aside in <c>*.corrupt-*</c> files (the index never removes them)
    /// and logs what was lost.
    /// </summary>
    /// <value>
    /// <c>null</c> (in memory only). A relative path is relative to the process's working directory, so a service
    /// should give an absolute one; <see cref="DefaultDirectory"/> gives the documented per-user location.
    /// </value>
    /// <remarks>
    /// Only the semantic tier persists here. The exact tier lives in process memory (HybridCache's L1, plus Redis
    /// when registered as L2), so after a restart an exact repeat of an earlier run's prompt is answered by the
    /// semantic tier, at score 1.00, until the exact tier has it again.
    /// </remarks>
    public string? Directory { get; set; }

    /// <summary>
    /// The documented default place for an application's persisted index:
    /// <c>{LocalApplicationData}/AgentFramework/{applicationName}/semantic-index</c>
    /// (on Linux <c>~/.local/share/AgentFramework/…</c>, on Windows <c>%LOCALAPPDATA%\AgentFramework\…</c>).
    /// </summary>
    /// <param name="applicationName">A folder name for the application, e.g. <c>"SupportDesk"</c>.</param>
    /// <returns>An absolute path; the index creates the directory when it opens.</returns>
    public static string DefaultDirectory(string applicationName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationName);
        if (applicationName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || applicationName is "." or "..")
        {
            throw new ArgumentException($"'{applicationName}' cannot be a folder name.", nameof(applicationName));
        }

        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(root))
        {
            root = Path.Combine(Path.GetTempPath(), "AgentFramework-" + Environment.UserName);
        }

        return Path.Combine(root, "AgentFramework", applicationName, "semantic-index");
    }

    /// <summary>When a write counts as done. Ignored without a <see cref="Directory"/>.</summary>
    /// <value><see cref="VectorIndexDurability.Durable"/>: a cache that forgets acknowledged entries after a power cut is a silent cost leak.</value>
    public VectorIndexDurability Durability { get; set; } = VectorIndexDurability.Durable;

    /// <summary>
    /// In <see cref="VectorIndexDurability.Fast"/> mode, how often written records are forced to disk
    /// in the background. Records reach the operating system at once either way, so a killed
    /// process loses nothing; this bounds what a power cut can lose.
    /// </summary>
    /// <value>1 second.</value>
    public TimeSpan FastFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most live entries the index holds; inserting beyond it evicts per <see cref="EvictionPolicy"/>.</summary>
    /// <value>1,000,000.</value>
    [Range(1, 100_000_000)]
    public int Capacity { get; set; } = 1_000_000;

    /// <summary>Which entry goes when <see cref="Capacity"/> is reached. Expired entries always go first.</summary>
    /// <value><see cref="VectorEvictionPolicy.LeastRecentlyUsed"/>.</value>
    public VectorEvictionPolicy EvictionPolicy { get; set; } = VectorEvictionPolicy.LeastRecentlyUsed;

    /// <summary>
    /// How many live entries a scope needs before it is searched through an approximate (HNSW) graph
    /// instead of an exact scan. Below it every result is exact.
    /// </summary>
    /// <value>20,000: an exact 384-d scan of that many vectors takes about 0.5 ms on one core, where a graph starts paying for itself.</value>
    [Range(1, int.MaxValue)]
    public int AnnThreshold { get; set; } = 20_000;

    /// <summary>
    /// Keeps an int8 copy of every vector and scans that first, re-scoring the best
    /// <see cref="RescoreCandidates"/> with the full-precision vectors, so returned scores stay exact.
    /// </summary>
    /// <value><c>false</c>.</value>
    public bool QuantizeInt8 { get; set; }

    /// <summary>
    /// Keeps the full-precision vectors in a memory-mapped scratch file (in <see cref="Directory"/>, or
    /// the system temp directory for an in-memory index) instead of on the managed heap, and only the
    /// int8 codes (<see cref="QuantizeInt8"/> is implied) in memory: scans and graph walks run on the
    /// codes and only the best candidates are re-scored from the file, so returned scores stay exact.
    /// Scopes of up to 1,024 rows keep their (few) rows on the heap; each larger scope has one file.
    /// Measured on one scope of 100,000 384-d vectors with the default graph (benchmark README): 864 B managed
    /// and ~960 B of anonymous resident memory per vector, against 2,012 B and ~2,080 B with rows on the heap;
    /// at 1,000,000, 877 B and 873 B. The file's pages are page cache the operating system can drop and
    /// re-read; they count as file-backed resident memory while mapped. The file is scratch: it is
    /// re-written from the log and snapshot on open and removed when the index goes away.
    /// </summary>
    /// <value>
    /// <c>false</c>: the semantic cache's scopes are usually small enough that 1.5 KB per vector on the
    /// heap is cheaper than a file and page faults; turn it on for scopes of hundreds of thousands of
    /// entries or more.
    /// </value>
    public bool MemoryMappedVectors { get; set; }

    /// <summary>
    /// With <see cref="MemoryMappedVectors"/>, scopes keep their rows on the heap until they outgrow this many
    /// rows: a small scope costs little memory either way, and a file and a handle per small scope would not pay.
    /// Internal so that tests can map every scope.
    /// </summary>
    internal int MapRowsAbove { get; set; } = 1024;

    /// <summary>Whether rows carry int8 codes: <see cref="QuantizeInt8"/> or <see cref="MemoryMappedVectors"/>.</summary>
    internal bool UsesCodes => QuantizeInt8 || MemoryMappedVectors;

    /// <summary>How many int8 candidates are re-scored exactly (at least top-k).</summary>
    /// <value>40.</value>
    [Range(1, 10_000)]
    public int RescoreCandidates { get; set; } = 40;

    /// <summary>HNSW connectivity (edges per node; twice as many on the bottom layer): more raises recall, memory and insert cost.</summary>
    /// <value>
    /// 32 (hnswlib's usual setting): with efSearch 64 on one scope of clustered 384-d entries, recall@10 0.992 at
    /// 100,000 and 0.983 at 1,000,000 (benchmark README); M = 24 reached only 0.976 at 1M with efSearch 96.
    /// Costs 64 B more per vector than 24.
    /// </value>
    [Range(4, 128)]
    public int AnnConnectivity { get; set; } = 32;

    /// <summary>HNSW candidate list size while inserting: more builds a better graph, slower.</summary>
    /// <value>128.</value>
    [Range(8, 4096)]
    public int AnnExpansionAdd { get; set; } = 128;

    /// <summary>
    /// Threads that link new nodes into a scope's graph at once: when a graph is built over rows already stored
    /// (a scope crossing <see cref="AnnThreshold"/>, a compaction, an open whose saved graph is missing or
    /// stale), for the rows one <c>UpsertBatchAsync</c> call adds to a scope, and for the rows an open replays
    /// from the log. Searches never wait for it; a batch's rows become searchable together when the call returns.
    /// </summary>
    /// <value><see cref="Environment.ProcessorCount"/>. 1 builds the same graph on every run.</value>
    [Range(1, int.MaxValue)]
    public int AnnBuildThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>HNSW candidate list size while searching (at least top-k): more raises recall, slower.</summary>
    /// <value>
    /// 64: with M = 32, recall@10 0.992 at 100,000 and 0.983 at 1,000,000 clustered 384-d entries (at 1M, 40: 0.947,
    /// 96: 0.994). Raise it where recall matters more than latency (benchmark README).
    /// </value>
    [Range(8, 4096)]
    public int AnnExpansionSearch { get; set; } = 64;

    /// <summary>
    /// When the log grows past this many bytes a snapshot of the live entries is written and the log
    /// restarts, which bounds open time and drops deleted and expired entries from disk.
    /// </summary>
    /// <value>256 MiB.</value>
    [Range(1L << 16, long.MaxValue)]
    public long CompactionLogBytes { get; set; } = 256L << 20;

    /// <summary>Throws an <see cref="ArgumentException"/> naming every invalid setting and what it must be.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new ArgumentException($"Invalid {nameof(EmbeddedVectorIndexOptions)}: {string.Join(" ", results.Select(r => r.ErrorMessage))}");
        }
    }

    /// <summary>The rules a <see cref="RangeAttribute"/> cannot state; run after the attributes pass.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Durability))
        {
            yield return Invalid(nameof(Durability), $"{nameof(Durability)} {Durability} is not defined; use {string.Join(" or ", Enum.GetNames<VectorIndexDurability>())}.");
        }

        if (!Enum.IsDefined(EvictionPolicy))
        {
            yield return Invalid(nameof(EvictionPolicy), $"{nameof(EvictionPolicy)} {EvictionPolicy} is not defined; use {string.Join(" or ", Enum.GetNames<VectorEvictionPolicy>())}.");
        }

        if (FastFlushInterval <= TimeSpan.Zero)
        {
            yield return Invalid(nameof(FastFlushInterval), $"{nameof(FastFlushInterval)} must be positive (was {FastFlushInterval}; the default is 1 second).");
        }

        if (Directory is { Length: 0 })
        {
            yield return Invalid(nameof(Directory), $"{nameof(Directory)} is empty; use null for an in-memory index.");
        }
    }

    private static ValidationResult Invalid(string member, string message) => new(message, [member]);
}
