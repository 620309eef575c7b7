using AgentFramework.VectorSearch;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace AgentFramework.Qdrant;

/// <summary>
/// An <see cref="IVectorIndex"/> on a Qdrant collection, so many processes and machines share one
/// semantic tier.
/// </summary>
/// <remarks>
/// <para>
/// Scope is a hard server-side filter, never part of the vector: each point stores the SHA-256 of the
/// canonical scope key plus one keyword per scope field, and every search and count must-matches both,
/// so an entry whose scope has an extra or different field can never be returned.
/// </para>
/// <para>
/// String ids become name-based UUID point ids (see <see cref="QdrantMapping.PointGuid"/>); the original
/// id is kept in the payload. Expiry is a Unix-millisecond payload field filtered at query time; a
/// background purge (see <see cref="QdrantVectorIndexOptions.PurgeInterval"/>) reclaims the space.
/// </para>
/// <para>
/// Every call carries the <see cref="QdrantVectorIndexOptions.Timeout"/> deadline; any server fault
/// surfaces as <see cref="QdrantVectorIndexException"/>, which the cache catches to fail open. The
/// collection is created on first use and creation is retried on later calls if the server was down.
/// </para>
/// </remarks>
public sealed partial class QdrantVectorIndex : IVectorIndex, IAsyncDisposable, IDisposable
{
    // The most points fetched to settle a score tie at the top-K boundary.
    private const ulong MaxTieFetch = 10_000;

    private readonly QdrantClient _client;
    private readonly bool _ownsClient;
    private readonly QdrantVectorIndexOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _collectionGate = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private readonly Task? _purgeLoop;
    private volatile bool _collectionReady;

    /// <summary>Creates an index that connects to <see cref="QdrantVectorIndexOptions.Endpoint"/> and owns its client.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <param name="logger">Logs faults and purges; <c>null</c> for none.</param>
    /// <param name="timeProvider">The clock for expiry; <c>null</c> for the system clock.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names the setting.</exception>
    public QdrantVectorIndex(QdrantVectorIndexOptions options, ILogger<QdrantVectorIndex>? logger = null, TimeProvider? timeProvider = null)
        : this(CreateClient(options, clientLoggerFactory: null), ownsClient: true, options, logger, timeProvider)
    {
    }

    /// <summary>Creates an index over an existing client, which the caller keeps owning.</summary>
    /// <param name="client">The Qdrant client (its own deadline and logging apply to its calls).</param>
    /// <param name="options">The settings; <see cref="QdrantVectorIndexOptions.Endpoint"/> is only used in messages.</param>
    /// <param name="logger">Logs faults and purges; <c>null</c> for none.</param>
    /// <param name="timeProvider">The clock for expiry; <c>null</c> for the system clock.</param>
    public QdrantVectorIndex(QdrantClient client, QdrantVectorIndexOptions options, ILogger<QdrantVectorIndex>? logger = null, TimeProvider? timeProvider = null)
        : this(client, ownsClient: false, options, logger, timeProvider)
    {
    }

    /// <summary>Creates an index from DI options.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="logger">Logs faults and purges; <c>null</c> for none.</param>
    /// <param name="timeProvider">The clock for expiry; <c>null</c> for the system clock.</param>
    public QdrantVectorIndex(IOptions<QdrantVectorIndexOptions> options, ILogger<QdrantVectorIndex>? logger = null, TimeProvider? timeProvider = null)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value, logger, timeProvider)
    {
    }

    private QdrantVectorIndex(QdrantClient client, bool ownsClient, QdrantVectorIndexOptions options, ILogger<QdrantVectorIndex>? logger, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(client);
        Validate(options);
        _client = client;
        _ownsClient = ownsClient;
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        if (options.PurgeInterval is { } interval)
        {
            // The timer starts now (not when the task first runs), so the first purge is one interval after construction.
            var timer = new PeriodicTimer(interval, _time);
            _purgeLoop = Task.Run(() => PurgeLoopAsync(timer, _disposed.Token));
        }
    }

    /// <inheritdoc />
    public int Dimensions => _options.Dimensions;

    /// <summary>The collection this index reads and writes.</summary>
    public string CollectionName => _options.CollectionName;

    /// <inheritdoc />
    public ValueTask UpsertAsync(VectorEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return UpsertBatchAsync([entry], cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask UpsertBatchAsync(IReadOnlyList<VectorEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var unique = QdrantMapping.LastWins(entries);
        if (unique.Count == 0)
        {
            return;
        }

        // Validate everything before the first request, so bad input never leaves a half-written batch.
        var points = new List<PointStruct>(unique.Count);
        foreach (var entry in unique)
        {
            points.Add(QdrantMapping.ToPoint(entry, QdrantMapping.ValidateAndNormalize(entry.Vector.Span, Dimensions, nameof(entries))));
        }

        await EnsureCollectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in QdrantMapping.Chunk(points, _options.UpsertBatchSize))
        {
            await CallAsync("upsert", ct => _client.UpsertAsync(CollectionName, chunk, wait: _options.WaitForWrites, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<VectorMatch>> SearchAsync(ReadOnlyMemory<float> query, VectorScope scope, int topK, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topK);
        var vector = QdrantMapping.ValidateAndNormalize(query.Span, Dimensions, nameof(query));
        var request = QdrantMapping.SearchRequest(CollectionName, vector, scope, topK, _time.GetUtcNow());
        await EnsureCollectionAsync(cancellationToken).ConfigureAwait(false);

        // Ask for one more than needed: if the (topK+1)-th hit ties with the topK-th, the server's choice
        // among equal scores is arbitrary, so fetch every point at or above the boundary score and apply
        // the contract's tie-break (ordinal id) here. Exact ties are rare, so this usually costs nothing.
        var limit = (ulong)topK + 1;
        float? threshold = null;
        while (true)
        {
            var hits = await QueryAsync(request, limit, threshold, cancellationToken).ConfigureAwait(false);
            var ordered = QdrantMapping.Order(hits.Select(QdrantMapping.ToMatch));
            if (ordered.Count <= topK)
            {
                return ordered;
            }

            var boundary = ordered[topK - 1].Score;
            if (threshold is null && ordered[topK].Score < boundary)
            {
                return ordered.Take(topK).ToList();
            }

            if ((ulong)ordered.Count < limit || limit >= MaxTieFetch)
            {
                return ordered.Take(topK).ToList();
            }

            threshold = boundary;
            limit = Math.Min(limit * 4, MaxTieFetch);
        }
    }

    private Task<IReadOnlyList<ScoredPoint>> QueryAsync(QueryPoints request, ulong limit, float? scoreThreshold, CancellationToken cancellationToken) =>
        CallAsync(
            "search",
            ct => _client.QueryAsync(
                request.CollectionName,
                query: request.Query,
                filter: request.Filter,
                scoreThreshold: scoreThreshold,
                limit: limit,
                payloadSelector: request.WithPayload,
                vectorsSelector: request.WithVectors,
                cancellationToken: ct),
            cancellationToken).AsTask();

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var pointId = QdrantMapping.PointIdOf(id);
        await EnsureCollectionAsync(cancellationToken).ConfigureAwait(false);
        var found = await CallAsync(
            "retrieve",
            ct => _client.RetrieveAsync(CollectionName, [pointId], new WithPayloadSelector { Include = new PayloadIncludeSelector { Fields = { QdrantMapping.ExpiresAtField } } }, false, cancellationToken: ct),
            cancellationToken).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return false;
        }

        await CallAsync("delete", ct => _client.DeleteAsync(CollectionName, pointId, wait: _options.WaitForWrites, cancellationToken: ct), cancellationToken).ConfigureAwait(false);

        // An expired entry no longer exists as far as callers are concerned, even if its point lingered.
        return QdrantMapping.IsLive(found[0].Payload, _time.GetUtcNow());
    }

    /// <inheritdoc />
    public ValueTask<long> DeleteByScopeAsync(VectorScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return DeleteWhereAsync("delete-by-scope", QdrantMapping.ScopeOnlyFilter(scope), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<long> DeleteByTagAsync(string tag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        return DeleteWhereAsync("delete-by-tag", QdrantMapping.TagFilter(tag), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<long> CountAsync(VectorScope? scope = null, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var filter = scope is null ? QdrantMapping.LiveFilter(now) : QdrantMapping.ScopeFilter(scope, now);
        await EnsureCollectionAsync(cancellationToken).ConfigureAwait(false);
        var count = await CallAsync("count", ct => _client.CountAsync(CollectionName, filter, exact: true, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        return (long)count;
    }

    /// <summary>Deletes every expired point now; returns how many there were.</summary>
    /// <param name="cancellationToken">Cancels the purge.</param>
    /// <exception cref="QdrantVectorIndexException">The server failed or did not answer in time.</exception>
    public ValueTask<long> PurgeExpiredAsync(CancellationToken cancellationToken = default) =>
        DeleteWhereAsync("purge", QdrantMapping.ExpiredFilter(_time.GetUtcNow()), cancellationToken);

    /// <summary>Creates the collection and its payload indexes when missing; later calls are free.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <exception cref="QdrantVectorIndexException">The server failed or did not answer in time.</exception>
    /// <exception cref="InvalidOperationException">The collection exists with another vector dimension.</exception>
    public async ValueTask EnsureCollectionAsync(CancellationToken cancellationToken = default)
    {
        if (_collectionReady)
        {
            return;
        }

        await _collectionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_collectionReady)
            {
                return;
            }

            var exists = await CallAsync("collection-exists", ct => _client.CollectionExistsAsync(CollectionName, ct), cancellationToken).ConfigureAwait(false);
            if (exists)
            {
                var info = await CallAsync("collection-info", ct => _client.GetCollectionInfoAsync(CollectionName, ct), cancellationToken).ConfigureAwait(false);
                var size = info.Config?.Params?.VectorsConfig?.Params?.Size;
                if (size is { } actual && actual != (ulong)Dimensions)
                {
                    throw new InvalidOperationException(
                        $"Qdrant collection '{CollectionName}' holds {actual}-dimensional vectors but the index is configured for {Dimensions}. Use another CollectionName or match Dimensions to the embedding model.");
                }
            }
            else
            {
                try
                {
                    await CallAsync("create-collection", ct => _client.CreateCollectionAsync(QdrantMapping.CreateCollectionRequest(CollectionName, Dimensions), ct), cancellationToken).ConfigureAwait(false);
                    Log.CollectionCreated(_logger, CollectionName, Dimensions, _options.Endpoint);
                }
                catch (QdrantVectorIndexException ex) when (ex.InnerException is RpcException { StatusCode: StatusCode.AlreadyExists })
                {
                    // Another process created it between our check and our create: that is the state we want.
                }
            }

            // Creating an existing payload index is accepted by Qdrant, so this is safe to repeat.
            foreach (var (field, type, indexParams) in QdrantMapping.PayloadIndexes(_options.ScopeKeyIsTenant))
            {
                await CallAsync("create-payload-index", ct => _client.CreatePayloadIndexAsync(CollectionName, field, type, indexParams, wait: true, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
            }

            _collectionReady = true;
        }
        finally
        {
            _collectionGate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        if (_purgeLoop is not null)
        {
            await _purgeLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        DisposeCore();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        DisposeCore();
    }

    private void DisposeCore()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }

        _collectionGate.Dispose();
    }

    private async ValueTask<long> DeleteWhereAsync(string operation, Filter filter, CancellationToken cancellationToken)
    {
        await EnsureCollectionAsync(cancellationToken).ConfigureAwait(false);

        // Qdrant's delete does not report how many points matched, so count first (exactly) under the same filter.
        var count = await CallAsync(operation, ct => _client.CountAsync(CollectionName, filter, exact: true, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        if (count == 0)
        {
            return 0;
        }

        await CallAsync(operation, ct => _client.DeleteAsync(CollectionName, filter, wait: _options.WaitForWrites, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        return (long)count;
    }

    private async ValueTask<T> CallAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not ArgumentException && !cancellationToken.IsCancellationRequested)
        {
            Log.CallFailed(_logger, operation, _options.Endpoint, ex);
            throw new QdrantVectorIndexException(operation, _options.Endpoint, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"Qdrant {operation} was cancelled.", ex, cancellationToken);
        }
    }

    private ValueTask CallAsync(string operation, Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        new(CallAsync<bool>(operation, async ct => { await call(ct).ConfigureAwait(false); return true; }, cancellationToken).AsTask());

    private async Task PurgeLoopAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        using var owned = timer;
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    var purged = await PurgeExpiredAsync(stopping).ConfigureAwait(false);
                    if (purged > 0)
                    {
                        Log.Purged(_logger, purged, CollectionName);
                    }
                }
                catch (Exception ex) when (ex is QdrantVectorIndexException or InvalidOperationException)
                {
                    // Already logged by CallAsync (or a configuration error logged below); the next tick retries.
                    Log.PurgeFailed(_logger, CollectionName, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    /// <summary>
    /// The index the DI registration builds: it owns a client that logs through the application's
    /// <paramref name="clientLoggerFactory"/> (the Qdrant client takes a factory; the index itself takes an <see cref="ILogger{T}"/>).
    /// </summary>
    internal static QdrantVectorIndex CreateOwning(QdrantVectorIndexOptions options, ILoggerFactory? clientLoggerFactory, ILogger<QdrantVectorIndex>? logger, TimeProvider? timeProvider) =>
        new(CreateClient(options, clientLoggerFactory), ownsClient: true, options, logger, timeProvider);

    private static QdrantClient CreateClient(QdrantVectorIndexOptions options, ILoggerFactory? clientLoggerFactory)
    {
        Validate(options);
        return new QdrantClient(options.Endpoint, options.ApiKey, options.Timeout, clientLoggerFactory);
    }

    private static void Validate(QdrantVectorIndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Endpoint is null || !options.Endpoint.IsAbsoluteUri || (options.Endpoint.Scheme != Uri.UriSchemeHttp && options.Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{nameof(options.Endpoint)} must be an absolute http:// or https:// URI of Qdrant's gRPC port (e.g. {QdrantVectorIndexOptions.DefaultEndpoint}).");
        }

        if (string.IsNullOrWhiteSpace(options.CollectionName))
        {
            errors.Add($"{nameof(options.CollectionName)} must not be empty.");
        }

        if (options.Dimensions is < 1 or > 65536)
        {
            errors.Add($"{nameof(options.Dimensions)} must be between 1 and 65536 (was {options.Dimensions}).");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(options.Timeout)} must be positive (was {options.Timeout}).");
        }

        if (options.UpsertBatchSize < 1)
        {
            errors.Add($"{nameof(options.UpsertBatchSize)} must be at least 1 (was {options.UpsertBatchSize}).");
        }

        if (options.PurgeInterval is { } purge && purge <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(options.PurgeInterval)} must be positive or null (was {purge}).");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid QdrantVectorIndexOptions: " + string.Join(" ", errors), nameof(options));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(4001, LogLevel.Warning, "Qdrant {Operation} at {Endpoint} failed; the cache will fail open.", EventName = "CallFailed")]
        public static partial void CallFailed(ILogger logger, string operation, Uri endpoint, Exception exception);

        [LoggerMessage(4002, LogLevel.Information, "Created Qdrant collection '{Collection}' ({Dimensions}-d, cosine) at {Endpoint}.", EventName = "CollectionCreated")]
        public static partial void CollectionCreated(ILogger logger, string collection, int dimensions, Uri endpoint);

        [LoggerMessage(4003, LogLevel.Debug, "Purged {Count} expired points from Qdrant collection '{Collection}'.", EventName = "Purged")]
        public static partial void Purged(ILogger logger, long count, string collection);

        [LoggerMessage(4004, LogLevel.Warning, "Purging expired points from Qdrant collection '{Collection}' failed; retrying at the next interval.", EventName = "PurgeFailed")]
        public static partial void PurgeFailed(ILogger logger, string collection, Exception exception);
    }
}
