using AgentFramework.Qdrant.Tests.Infrastructure;
using AgentFramework.VectorIndex.Conformance;
using AgentFramework.VectorSearch;
using Qdrant.Client;

namespace AgentFramework.Qdrant.Tests;

/// <summary>
/// The shared <see cref="IVectorIndex"/> conformance suite against a real Qdrant server (<c>QDRANT_URL</c>);
/// every test gets its own throw-away collection. Skipped, with the reason shown, when no server is configured.
/// </summary>
/// <remarks>
/// Expiry follows the index's <see cref="TimeProvider"/>: the index sends "now" inside each query filter and
/// the server compares stored timestamps with it, so the suite's fake clock works against a real server too.
/// </remarks>
[RequiresQdrantServer]
public sealed class QdrantVectorIndexConformanceTests : VectorIndexConformanceTests
{
    protected override Task<IVectorIndex> CreateIndexAsync(int dimensions, TimeProvider timeProvider)
    {
        var url = QdrantServer.Url ?? throw new InvalidOperationException(QdrantServer.SkipReason);
        var options = new QdrantVectorIndexOptions
        {
            Endpoint = url,
            ApiKey = QdrantServer.ApiKey,
            CollectionName = $"af_conformance_{Guid.NewGuid():N}",
            Dimensions = dimensions,
            Timeout = TimeSpan.FromSeconds(30),
            PurgeInterval = null,
        };
        return Task.FromResult<IVectorIndex>(new QdrantVectorIndex(options, timeProvider: timeProvider));
    }

    protected override async ValueTask DisposeIndexAsync(IVectorIndex index)
    {
        var qdrant = (QdrantVectorIndex)index;
        using (var admin = new QdrantClient(QdrantServer.Url!, QdrantServer.ApiKey))
        {
            if (await admin.CollectionExistsAsync(qdrant.CollectionName))
            {
                await admin.DeleteCollectionAsync(qdrant.CollectionName);
            }
        }

        await qdrant.DisposeAsync();
    }
}
