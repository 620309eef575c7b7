using AgentFramework.VectorSearch;

namespace AgentFramework.Caching.Tests.Fakes;

/// <summary>An index whose backend is down (a stand-in for an unreachable Qdrant): every call throws.</summary>
internal sealed class FailingVectorIndex : IVectorIndex
{
    public int Dimensions => 384;

    public int Calls;

    private Exception Fail()
    {
        Interlocked.Increment(ref Calls);
        return new IOException("index unavailable");
    }

    public ValueTask UpsertAsync(VectorEntry entry, CancellationToken cancellationToken = default) => throw Fail();

    public ValueTask UpsertBatchAsync(IReadOnlyList<VectorEntry> entries, CancellationToken cancellationToken = default) => throw Fail();

    public ValueTask<IReadOnlyList<VectorMatch>> SearchAsync(ReadOnlyMemory<float> query, VectorScope scope, int topK, CancellationToken cancellationToken = default) => throw Fail();

    public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => throw Fail();

    public ValueTask<long> DeleteByScopeAsync(VectorScope scope, CancellationToken cancellationToken = default) => throw Fail();

    public ValueTask<long> DeleteByTagAsync(string tag, CancellationToken cancellationToken = default) => throw Fail();

    public ValueTask<long> CountAsync(VectorScope? scope = null, CancellationToken cancellationToken = default) => throw Fail();
}
