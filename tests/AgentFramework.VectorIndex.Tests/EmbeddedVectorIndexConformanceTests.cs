using AgentFramework.VectorIndex.Conformance;
using AgentFramework.VectorSearch;

namespace AgentFramework.VectorIndex.Tests;

/// <summary>The conformance suite against the in-memory index.</summary>
public sealed class InMemoryConformanceTests : VectorIndexConformanceTests
{
    protected override Task<IVectorIndex> CreateIndexAsync(int dimensions, TimeProvider timeProvider) =>
        Task.FromResult<IVectorIndex>(new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = dimensions }, timeProvider));
}

/// <summary>The conformance suite with int8 candidate scans (scores must still be exact).</summary>
public sealed class QuantizedConformanceTests : VectorIndexConformanceTests
{
    protected override Task<IVectorIndex> CreateIndexAsync(int dimensions, TimeProvider timeProvider) =>
        Task.FromResult<IVectorIndex>(new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = dimensions, QuantizeInt8 = true, RescoreCandidates = 40 }, timeProvider));
}
