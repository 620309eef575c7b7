using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AgentFramework.VectorSearch;
using Qdrant.Client.Grpc;

namespace AgentFramework.Qdrant;

/// <summary>
/// Pure translation between the <see cref="IVectorIndex"/> model and Qdrant's protobuf requests, kept apart
/// from the I/O so every filter, payload and collection parameter can be checked without a server.
/// </summary>
internal static class QdrantMapping
{
    /// <summary>The caller's id, kept because the point id is a hash of it.</summary>
    public const string IdField = "af_id";

    /// <summary>SHA-256 (hex) of the canonical <see cref="VectorScope.Key"/>: equality on it is scope equality.</summary>
    public const string ScopeKeyField = "af_scope_key";

    /// <summary>One keyword per scope field, <c>{nameLength}:{name}={value}</c>, for per-field filtering and inspection.</summary>
    public const string ScopeFieldsField = "af_scope";

    /// <summary>The entry's tags (keyword array).</summary>
    public const string TagsField = "af_tags";

    /// <summary>Expiry as Unix milliseconds (integer); absent when the entry never expires.</summary>
    public const string ExpiresAtField = "af_expires_at";

    /// <summary>The opaque payload string; not indexed.</summary>
    public const string PayloadField = "af_payload";

    /// <summary>The payload fields a search returns (never the vector).</summary>
    public static readonly string[] ReturnedFields = [IdField, PayloadField, TagsField];

    // A fixed namespace so the same id maps to the same point id in every process and version.
    private static readonly byte[] IdNamespace = Encoding.UTF8.GetBytes("AgentFramework.Qdrant/point-id/v1\0");

    /// <summary>The collection to create: one unnamed cosine vector of <paramref name="dimensions"/> components.</summary>
    public static CreateCollection CreateCollectionRequest(string collectionName, int dimensions) => new()
    {
        CollectionName = collectionName,
        VectorsConfig = new VectorsConfig
        {
            Params = new VectorParams { Size = (ulong)dimensions, Distance = Distance.Cosine },
        },
    };

    /// <summary>The payload indexes every filter the index issues relies on.</summary>
    public static IReadOnlyList<(string Field, PayloadSchemaType Type, PayloadIndexParams? Params)> PayloadIndexes(bool scopeKeyIsTenant) =>
    [
        (ScopeKeyField, PayloadSchemaType.Keyword, new PayloadIndexParams { KeywordIndexParams = new KeywordIndexParams { IsTenant = scopeKeyIsTenant } }),
        (ScopeFieldsField, PayloadSchemaType.Keyword, null),
        (TagsField, PayloadSchemaType.Keyword, null),
        (ExpiresAtField, PayloadSchemaType.Integer, new PayloadIndexParams { IntegerIndexParams = new IntegerIndexParams { Lookup = false, Range = true } }),
        (IdField, PayloadSchemaType.Keyword, null),
    ];

    /// <summary>
    /// The point id for <paramref name="id"/>: a name-based UUID (RFC 9562 version 8, SHA-256 of a fixed
    /// namespace and the UTF-8 id), because Qdrant only accepts integers and UUIDs as point ids.
    /// </summary>
    public static Guid PointGuid(string id)
    {
        var name = Encoding.UTF8.GetBytes(id);
        var input = new byte[IdNamespace.Length + name.Length];
        IdNamespace.CopyTo(input, 0);
        name.CopyTo(input, IdNamespace.Length);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8 (custom, name-based)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The point id for <paramref name="id"/> as Qdrant's type.</summary>
    public static PointId PointIdOf(string id) => new() { Uuid = PointGuid(id).ToString("D") };

    /// <summary>The canonical scope key as stored: SHA-256 hex of <see cref="VectorScope.Key"/>, short and fixed-length for the index.</summary>
    public static string ScopeKeyOf(VectorScope scope) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scope.Key)));

    /// <summary>The keyword for one scope field; the length prefix keeps <c>a=b</c>/<c>=c</c> splits unambiguous.</summary>
    public static string ScopeFieldKeyword(string name, string value) =>
        string.Create(CultureInfo.InvariantCulture, $"{name.Length}:{name}={value}");

    /// <summary>The point for <paramref name="entry"/> with its already validated, normalized vector.</summary>
    public static PointStruct ToPoint(VectorEntry entry, float[] normalizedVector)
    {
        var point = new PointStruct
        {
            Id = PointIdOf(entry.Id),
            Vectors = normalizedVector,
        };

        point.Payload[IdField] = entry.Id;
        point.Payload[ScopeKeyField] = ScopeKeyOf(entry.Scope);
        point.Payload[ScopeFieldsField] = entry.Scope.Fields.Select(f => ScopeFieldKeyword(f.Key, f.Value)).ToArray();
        point.Payload[TagsField] = entry.Tags.ToArray();
        if (entry.ExpiresAt is { } expiresAt)
        {
            point.Payload[ExpiresAtField] = expiresAt.ToUnixTimeMilliseconds();
        }

        if (entry.Payload is not null)
        {
            point.Payload[PayloadField] = entry.Payload;
        }

        return point;
    }

    /// <summary>
    /// Live entries of <paramref name="scope"/>: the scope key must match, every scope field must match
    /// (defence in depth: both are needed, and a scope with extra fields has another key), and the entry
    /// must not have expired at <paramref name="now"/>.
    /// </summary>
    public static Filter ScopeFilter(VectorScope scope, DateTimeOffset now)
    {
        var filter = ScopeOnlyFilter(scope);
        filter.Must.Add(NotExpired(now));
        return filter;
    }

    /// <summary>Every entry of <paramref name="scope"/>, expired or not (for deletion).</summary>
    public static Filter ScopeOnlyFilter(VectorScope scope)
    {
        var filter = new Filter();
        filter.Must.Add(Conditions.MatchKeyword(ScopeKeyField, ScopeKeyOf(scope)));
        foreach (var (name, value) in scope.Fields)
        {
            filter.Must.Add(Conditions.MatchKeyword(ScopeFieldsField, ScopeFieldKeyword(name, value)));
        }

        return filter;
    }

    /// <summary>Live entries of the whole collection.</summary>
    public static Filter LiveFilter(DateTimeOffset now)
    {
        var filter = new Filter();
        filter.Must.Add(NotExpired(now));
        return filter;
    }

    /// <summary>Entries carrying <paramref name="tag"/>.</summary>
    public static Filter TagFilter(string tag)
    {
        var filter = new Filter();
        filter.Must.Add(Conditions.MatchKeyword(TagsField, tag));
        return filter;
    }

    /// <summary>Entries whose expiry is at or before <paramref name="now"/> (for the purge).</summary>
    public static Filter ExpiredFilter(DateTimeOffset now)
    {
        var filter = new Filter();
        filter.Must.Add(Conditions.Range(ExpiresAtField, new global::Qdrant.Client.Grpc.Range { Lte = now.ToUnixTimeMilliseconds() }));
        return filter;
    }

    /// <summary>No expiry, or an expiry after <paramref name="now"/>.</summary>
    public static Condition NotExpired(DateTimeOffset now)
    {
        var live = new Filter();
        live.Should.Add(Conditions.IsEmpty(ExpiresAtField));
        live.Should.Add(Conditions.Range(ExpiresAtField, new global::Qdrant.Client.Grpc.Range { Gt = now.ToUnixTimeMilliseconds() }));
        return Conditions.Filter(live);
    }

    /// <summary>Whether a stored expiry payload (Unix ms) is live at <paramref name="now"/>.</summary>
    public static bool IsLive(IDictionary<string, Value> payload, DateTimeOffset now) =>
        !payload.TryGetValue(ExpiresAtField, out var value)
        || value.KindCase != Value.KindOneofCase.IntegerValue
        || value.IntegerValue > now.ToUnixTimeMilliseconds();

    /// <summary>The nearest-neighbour query for <paramref name="normalizedQuery"/> within the live entries of <paramref name="scope"/>.</summary>
    public static QueryPoints SearchRequest(string collectionName, float[] normalizedQuery, VectorScope scope, int topK, DateTimeOffset now) => new()
    {
        CollectionName = collectionName,
        Query = normalizedQuery,
        Filter = ScopeFilter(scope, now),
        Limit = (ulong)topK,
        WithPayload = SearchPayloadSelector(),
        WithVectors = false,
    };

    /// <summary>Which payload fields a search returns.</summary>
    public static WithPayloadSelector SearchPayloadSelector()
    {
        var include = new PayloadIncludeSelector();
        include.Fields.AddRange(ReturnedFields);
        return new WithPayloadSelector { Include = include };
    }

    /// <summary>A search hit as the contract's type.</summary>
    public static VectorMatch ToMatch(ScoredPoint point)
    {
        var payload = point.Payload;
        var id = payload.TryGetValue(IdField, out var idValue) && idValue.KindCase == Value.KindOneofCase.StringValue
            ? idValue.StringValue
            : point.Id.HasUuid ? point.Id.Uuid : point.Id.Num.ToString(CultureInfo.InvariantCulture);
        string? text = payload.TryGetValue(PayloadField, out var textValue) && textValue.KindCase == Value.KindOneofCase.StringValue
            ? textValue.StringValue
            : null;
        IReadOnlyList<string> tags = payload.TryGetValue(TagsField, out var tagsValue) && tagsValue.KindCase == Value.KindOneofCase.ListValue
            ? tagsValue.ListValue.Values.Where(v => v.KindCase == Value.KindOneofCase.StringValue).Select(v => v.StringValue).ToArray()
            : [];
        return new VectorMatch(id, point.Score, text, tags);
    }

    /// <summary>Orders hits as the contract requires: descending score, ties by ordinal id.</summary>
    public static IReadOnlyList<VectorMatch> Order(IEnumerable<VectorMatch> matches)
    {
        var list = matches.ToList();
        list.Sort(static (a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(a.Id, b.Id);
        });
        return list;
    }

    /// <summary>
    /// Checks a vector against the contract (dimension, finite, non-zero) and returns a normalized copy.
    /// </summary>
    /// <exception cref="ArgumentException">The vector breaks the contract; the message says how.</exception>
    public static float[] ValidateAndNormalize(ReadOnlySpan<float> vector, int dimensions, string paramName)
    {
        if (vector.Length != dimensions)
        {
            throw new ArgumentException($"The vector has {vector.Length} components; this index holds {dimensions}-dimensional vectors.", paramName);
        }

        double sum = 0;
        foreach (var x in vector)
        {
            if (!float.IsFinite(x))
            {
                throw new ArgumentException("The vector contains a NaN or infinite component.", paramName);
            }

            sum += x * (double)x;
        }

        if (sum == 0 || !double.IsFinite(sum))
        {
            throw new ArgumentException(sum == 0 ? "The vector is all zeros and has no direction." : "The vector's norm overflows.", paramName);
        }

        var inv = 1 / Math.Sqrt(sum);
        var result = new float[vector.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)(vector[i] * inv);
        }

        return result;
    }

    /// <summary>Keeps the last entry per id, in first-seen order, so a batch's later entries win.</summary>
    public static List<VectorEntry> LastWins(IReadOnlyList<VectorEntry> entries)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<VectorEntry>(entries.Count);
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            if (positions.TryGetValue(entry.Id, out var at))
            {
                result[at] = entry;
            }
            else
            {
                positions[entry.Id] = result.Count;
                result.Add(entry);
            }
        }

        return result;
    }

    /// <summary>Splits <paramref name="items"/> into chunks of at most <paramref name="size"/>.</summary>
    public static IEnumerable<List<T>> Chunk<T>(List<T> items, int size)
    {
        for (var i = 0; i < items.Count; i += size)
        {
            yield return items.GetRange(i, Math.Min(size, items.Count - i));
        }
    }
}
