using AgentFramework.VectorSearch;
using Qdrant.Client.Grpc;

namespace AgentFramework.Qdrant.Tests;

/// <summary>The request mapping, checked on Qdrant.Client's own protobuf types (no server needed).</summary>
public sealed class QdrantMappingTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CreateCollectionRequest_IsOneUnnamedCosineVectorOfTheConfiguredSize()
    {
        var request = QdrantMapping.CreateCollectionRequest("cache", 384);

        Assert.Equal("cache", request.CollectionName);
        Assert.Equal(VectorsConfig.ConfigOneofCase.Params, request.VectorsConfig.ConfigCase);
        Assert.Equal(384UL, request.VectorsConfig.Params.Size);
        Assert.Equal(Distance.Cosine, request.VectorsConfig.Params.Distance);
    }

    [Fact]
    public void PayloadIndexes_CoverEveryFilteredField_WithTheRightSchema()
    {
        var indexes = QdrantMapping.PayloadIndexes(scopeKeyIsTenant: true).ToDictionary(i => i.Field);

        Assert.Equal(PayloadSchemaType.Keyword, indexes[QdrantMapping.ScopeKeyField].Type);
        Assert.True(indexes[QdrantMapping.ScopeKeyField].Params!.KeywordIndexParams.IsTenant);
        Assert.Equal(PayloadSchemaType.Keyword, indexes[QdrantMapping.ScopeFieldsField].Type);
        Assert.Equal(PayloadSchemaType.Keyword, indexes[QdrantMapping.TagsField].Type);
        Assert.Equal(PayloadSchemaType.Integer, indexes[QdrantMapping.ExpiresAtField].Type);
        Assert.True(indexes[QdrantMapping.ExpiresAtField].Params!.IntegerIndexParams.Range);
        Assert.DoesNotContain(QdrantMapping.PayloadField, indexes.Keys);

        Assert.False(QdrantMapping.PayloadIndexes(scopeKeyIsTenant: false).Single(i => i.Field == QdrantMapping.ScopeKeyField).Params!.KeywordIndexParams.IsTenant);
    }

    [Fact]
    public void PointGuid_IsDeterministic_Distinct_AndAVersion8Uuid()
    {
        var a1 = QdrantMapping.PointGuid("answer:42");
        var a2 = QdrantMapping.PointGuid("answer:42");
        var b = QdrantMapping.PointGuid("answer:43");

        Assert.Equal(a1, a2);
        Assert.NotEqual(a1, b);
        Assert.NotEqual(QdrantMapping.PointGuid("É"), QdrantMapping.PointGuid("E"));
        var text = a1.ToString("D");
        Assert.Equal('8', text[14]); // version nibble
        Assert.Contains(text[19], "89ab"); // RFC 9562 variant

        var pointId = QdrantMapping.PointIdOf("answer:42");
        Assert.Equal(PointId.PointIdOptionsOneofCase.Uuid, pointId.PointIdOptionsCase);
        Assert.Equal(a1, Guid.Parse(pointId.Uuid));
    }

    [Fact]
    public void PointGuid_DoesNotCollide_OnManyIds()
    {
        var ids = Enumerable.Range(0, 20_000).Select(i => QdrantMapping.PointGuid($"id-{i}")).ToHashSet();
        Assert.Equal(20_000, ids.Count);
    }

    [Fact]
    public void ToPoint_StoresIdScopeTagsExpiryAndPayload()
    {
        var scope = VectorScope.Of(("tenant", "t1"), ("step", "classify"));
        var expires = Now.AddMinutes(5);
        var entry = new VectorEntry("e-1", new float[] { 3, 4 }, scope, "{\"a\":1}", ["model:x", "step:y"], expires);
        var normalized = QdrantMapping.ValidateAndNormalize(entry.Vector.Span, 2, "v");

        var point = QdrantMapping.ToPoint(entry, normalized);

        Assert.Equal(QdrantMapping.PointIdOf("e-1"), point.Id);
        Assert.Equal(new[] { 0.6f, 0.8f }, DenseValues(point.Vectors.Vector));
        Assert.Equal("e-1", point.Payload[QdrantMapping.IdField].StringValue);
        Assert.Equal(QdrantMapping.ScopeKeyOf(scope), point.Payload[QdrantMapping.ScopeKeyField].StringValue);
        Assert.Equal(
            ["4:step=classify", "6:tenant=t1"],
            point.Payload[QdrantMapping.ScopeFieldsField].ListValue.Values.Select(v => v.StringValue));
        Assert.Equal(["model:x", "step:y"], point.Payload[QdrantMapping.TagsField].ListValue.Values.Select(v => v.StringValue));
        Assert.Equal(expires.ToUnixTimeMilliseconds(), point.Payload[QdrantMapping.ExpiresAtField].IntegerValue);
        Assert.Equal("{\"a\":1}", point.Payload[QdrantMapping.PayloadField].StringValue);
    }

    [Fact]
    public void ToPoint_WithoutExpiryOrPayload_OmitsThoseFields()
    {
        var entry = new VectorEntry("e", new float[] { 1, 0 }, VectorScope.Empty);
        var point = QdrantMapping.ToPoint(entry, [1, 0]);

        Assert.False(point.Payload.ContainsKey(QdrantMapping.ExpiresAtField));
        Assert.False(point.Payload.ContainsKey(QdrantMapping.PayloadField));
        Assert.Empty(point.Payload[QdrantMapping.TagsField].ListValue.Values);
        Assert.Empty(point.Payload[QdrantMapping.ScopeFieldsField].ListValue.Values);
    }

    [Fact]
    public void ScopeFilter_MustMatchScopeKey_EveryField_AndNotExpired()
    {
        var scope = VectorScope.Of(("tenant", "t1"), ("user", "u9"));

        var filter = QdrantMapping.ScopeFilter(scope, Now);

        Assert.Empty(filter.Should);
        Assert.Empty(filter.MustNot);
        var keywords = filter.Must.Where(c => c.ConditionOneOfCase == Condition.ConditionOneOfOneofCase.Field)
            .Select(c => (c.Field.Key, c.Field.Match.Keyword)).ToList();
        Assert.Equal(
            [(QdrantMapping.ScopeKeyField, QdrantMapping.ScopeKeyOf(scope)), (QdrantMapping.ScopeFieldsField, "6:tenant=t1"), (QdrantMapping.ScopeFieldsField, "4:user=u9")],
            keywords);

        var live = Assert.Single(filter.Must, c => c.ConditionOneOfCase == Condition.ConditionOneOfOneofCase.Filter).Filter;
        Assert.Equal(2, live.Should.Count);
        Assert.Equal(QdrantMapping.ExpiresAtField, Assert.Single(live.Should, c => c.ConditionOneOfCase == Condition.ConditionOneOfOneofCase.IsEmpty).IsEmpty.Key);
        var range = Assert.Single(live.Should, c => c.ConditionOneOfCase == Condition.ConditionOneOfOneofCase.Field).Field;
        Assert.Equal(QdrantMapping.ExpiresAtField, range.Key);
        Assert.Equal(Now.ToUnixTimeMilliseconds(), range.Range.Gt);
        Assert.False(range.Range.HasGte);
    }

    [Fact]
    public void ScopeFilter_ForTheEmptyScope_StillPinsTheScopeKey()
    {
        var filter = QdrantMapping.ScopeOnlyFilter(VectorScope.Empty);

        var only = Assert.Single(filter.Must);
        Assert.Equal(QdrantMapping.ScopeKeyField, only.Field.Key);
        Assert.Equal(QdrantMapping.ScopeKeyOf(VectorScope.Empty), only.Field.Match.Keyword);
        Assert.NotEqual(QdrantMapping.ScopeKeyOf(VectorScope.Of(("tenant", "a"))), only.Field.Match.Keyword);
    }

    [Fact]
    public void ScopeKey_DiffersWhenAScopeHasAnExtraField_SoSupersetEntriesCannotMatch()
    {
        var narrow = VectorScope.Of(("tenant", "a"));
        var wide = VectorScope.Of(("tenant", "a"), ("user", "1"));

        // An entry stored with the wide scope satisfies every per-field condition of the narrow one,
        // so the scope-key condition is what keeps it out of the narrow scope's results.
        var wideFields = QdrantMapping.ToPoint(new VectorEntry("w", new float[] { 1 }, wide), [1]).Payload[QdrantMapping.ScopeFieldsField].ListValue.Values.Select(v => v.StringValue).ToHashSet();
        Assert.All(QdrantMapping.ScopeOnlyFilter(narrow).Must.Skip(1), c => Assert.Contains(c.Field.Match.Keyword, wideFields));
        Assert.NotEqual(QdrantMapping.ScopeKeyOf(narrow), QdrantMapping.ScopeKeyOf(wide));
        Assert.Equal(QdrantMapping.ScopeKeyOf(wide), QdrantMapping.ScopeKeyOf(VectorScope.Of(("user", "1"), ("tenant", "a"))));
        Assert.Equal(64, QdrantMapping.ScopeKeyOf(wide).Length);
    }

    [Fact]
    public void ScopeFieldKeyword_IsUnambiguous()
    {
        Assert.NotEqual(QdrantMapping.ScopeFieldKeyword("a", "b=c"), QdrantMapping.ScopeFieldKeyword("a=b", "c"));
        Assert.Equal("6:tenant=", QdrantMapping.ScopeFieldKeyword("tenant", string.Empty));
    }

    [Fact]
    public void TagExpiredAndLiveFilters_TargetTheirFields()
    {
        var tag = Assert.Single(QdrantMapping.TagFilter("model:gpt-4o").Must).Field;
        Assert.Equal((QdrantMapping.TagsField, "model:gpt-4o"), (tag.Key, tag.Match.Keyword));

        var expired = Assert.Single(QdrantMapping.ExpiredFilter(Now).Must).Field;
        Assert.Equal(QdrantMapping.ExpiresAtField, expired.Key);
        Assert.Equal(Now.ToUnixTimeMilliseconds(), expired.Range.Lte);
        Assert.False(expired.Range.HasGt);

        var live = Assert.Single(QdrantMapping.LiveFilter(Now).Must);
        Assert.Equal(Condition.ConditionOneOfOneofCase.Filter, live.ConditionOneOfCase);
    }

    [Fact]
    public void SearchRequest_CarriesLimitFilterAndOnlyTheNeededPayload()
    {
        var scope = VectorScope.Of(("tenant", "t"));
        var request = QdrantMapping.SearchRequest("cache", [0.6f, 0.8f], scope, 7, Now);

        Assert.Equal("cache", request.CollectionName);
        Assert.Equal(7UL, request.Limit);
        Assert.Equal(new[] { 0.6f, 0.8f }, request.Query.Nearest.Dense.Data.ToArray());
        Assert.Equal(QdrantMapping.ScopeFilter(scope, Now), request.Filter);
        Assert.False(request.WithVectors.Enable);
        Assert.Equal(
            [QdrantMapping.IdField, QdrantMapping.PayloadField, QdrantMapping.TagsField],
            request.WithPayload.Include.Fields);
    }

    [Fact]
    public void ToMatch_ReadsOriginalIdPayloadTagsAndScore()
    {
        var point = new ScoredPoint { Id = QdrantMapping.PointIdOf("orig"), Score = 0.93f };
        point.Payload[QdrantMapping.IdField] = "orig";
        point.Payload[QdrantMapping.PayloadField] = "answer";
        point.Payload[QdrantMapping.TagsField] = new[] { "a", "b" };

        var match = QdrantMapping.ToMatch(point);

        Assert.Equal("orig", match.Id);
        Assert.Equal(0.93f, match.Score);
        Assert.Equal("answer", match.Payload);
        Assert.Equal(["a", "b"], match.Tags);

        var bare = QdrantMapping.ToMatch(new ScoredPoint { Id = QdrantMapping.PointIdOf("x"), Score = 0.5f });
        Assert.Null(bare.Payload);
        Assert.Empty(bare.Tags);
        Assert.Equal(QdrantMapping.PointGuid("x").ToString("D"), bare.Id);
    }

    [Fact]
    public void Order_SortsByDescendingScore_ThenOrdinalId()
    {
        var ordered = QdrantMapping.Order(
        [
            new VectorMatch("b", 0.5f, null, []),
            new VectorMatch("a", 0.5f, null, []),
            new VectorMatch("z", 0.9f, null, []),
            new VectorMatch("B", 0.5f, null, []),
        ]);

        Assert.Equal(["z", "B", "a", "b"], ordered.Select(m => m.Id));
    }

    [Fact]
    public void IsLive_JudgesTheStoredExpiryAgainstNow()
    {
        var point = new PointStruct();
        Assert.True(QdrantMapping.IsLive(point.Payload, Now));
        point.Payload[QdrantMapping.ExpiresAtField] = Now.ToUnixTimeMilliseconds();
        Assert.False(QdrantMapping.IsLive(point.Payload, Now));
        point.Payload[QdrantMapping.ExpiresAtField] = Now.ToUnixTimeMilliseconds() + 1;
        Assert.True(QdrantMapping.IsLive(point.Payload, Now));
    }

    [Fact]
    public void ValidateAndNormalize_NormalizesAndRejectsBadVectors()
    {
        Assert.Equal(new[] { 0.6f, 0.8f }, QdrantMapping.ValidateAndNormalize(new float[] { 3, 4 }, 2, "v"));

        var wrong = Assert.Throws<ArgumentException>(() => QdrantMapping.ValidateAndNormalize(new float[3], 2, "v"));
        Assert.Contains("3 components", wrong.Message, StringComparison.Ordinal);
        Assert.Contains("2-dimensional", wrong.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => QdrantMapping.ValidateAndNormalize(new float[] { 0, 0 }, 2, "v"));
        Assert.Throws<ArgumentException>(() => QdrantMapping.ValidateAndNormalize(new[] { 1, float.NaN }, 2, "v"));
        Assert.Throws<ArgumentException>(() => QdrantMapping.ValidateAndNormalize(new[] { 1, float.PositiveInfinity }, 2, "v"));
        Assert.Equal(new[] { 1f, 0f }, QdrantMapping.ValidateAndNormalize(new[] { float.MaxValue, 0 }, 2, "v"));
    }

    [Fact]
    public void LastWins_KeepsFirstSeenOrder_WithTheLatestEntryPerId()
    {
        var v = new float[] { 1 };
        var result = QdrantMapping.LastWins(
        [
            new VectorEntry("a", v, VectorScope.Empty, "1"),
            new VectorEntry("b", v, VectorScope.Empty, "2"),
            new VectorEntry("a", v, VectorScope.Empty, "3"),
        ]);

        Assert.Equal([("a", "3"), ("b", "2")], result.Select(e => (e.Id, e.Payload!)));
    }

    [Fact]
    public void Chunk_SplitsIntoBatchesOfAtMostTheSize()
    {
        var sizes = QdrantMapping.Chunk(Enumerable.Range(0, 601).ToList(), 256).Select(c => c.Count).ToList();
        Assert.Equal([256, 256, 89], sizes);
    }

    // Qdrant.Client fills either the dense field or the older (obsolete) data field, depending on the path.
    private static float[] DenseValues(Vector vector) =>
#pragma warning disable CS0612
        vector.Dense is { Data.Count: > 0 } dense ? [.. dense.Data] : [.. vector.Data];
#pragma warning restore CS0612
}
