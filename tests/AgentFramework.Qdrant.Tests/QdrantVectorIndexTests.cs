using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AgentFramework.Qdrant.Tests.Infrastructure;
using AgentFramework.VectorSearch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AgentFramework.Qdrant.Tests;

/// <summary>
/// Behaviour that needs no Qdrant server: option validation, bad input rejected before any call, and
/// failing fast with <see cref="QdrantVectorIndexException"/> when the server is down or silent.
/// </summary>
public sealed class QdrantVectorIndexTests
{
    private static readonly VectorScope Scope = VectorScope.Of(("tenant", "t"));

    // Far above the 500 ms deadline (a refused connection takes milliseconds), far below a hang.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private static QdrantVectorIndex IndexAt(Uri endpoint, int dimensions = 4) => new(new QdrantVectorIndexOptions
    {
        Endpoint = endpoint,
        Dimensions = dimensions,
        Timeout = TimeSpan.FromMilliseconds(500),
        PurgeInterval = null,
    });

    /// <summary>A loopback port that nothing listens on (bound, then released).</summary>
    private static Uri ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }

    [Fact]
    public async Task EveryOperation_AgainstAClosedPort_FailsFastWithQdrantVectorIndexException()
    {
        await using var index = IndexAt(ClosedPort());
        var v = new float[] { 1, 0, 0, 0 };
        Func<Task>[] operations =
        [
            () => index.UpsertAsync(new VectorEntry("a", v, Scope)).AsTask(),
            () => index.UpsertBatchAsync([new VectorEntry("a", v, Scope), new VectorEntry("b", v, Scope)]).AsTask(),
            () => index.SearchAsync(v, Scope, 3).AsTask(),
            () => index.DeleteAsync("a").AsTask(),
            () => index.DeleteByScopeAsync(Scope).AsTask(),
            () => index.DeleteByTagAsync("t").AsTask(),
            () => index.CountAsync().AsTask(),
            () => index.PurgeExpiredAsync().AsTask(),
        ];

        foreach (var operation in operations)
        {
            var clock = Stopwatch.StartNew();
            var ex = await Assert.ThrowsAsync<QdrantVectorIndexException>(operation);
            clock.Stop();
            Assert.True(clock.Elapsed < Bound, $"took {clock.Elapsed}");
            Assert.Contains("127.0.0.1", ex.Message, StringComparison.Ordinal);
            Assert.NotNull(ex.InnerException);
            Assert.NotEmpty(ex.Operation);
        }
    }

    [Fact]
    public async Task AFault_IsLoggedAsAWarningNamingTheOperationAndEndpoint()
    {
        var logs = new CapturingLoggerFactory();
        var endpoint = ClosedPort();
        await using var index = new QdrantVectorIndex(new QdrantVectorIndexOptions { Endpoint = endpoint, Dimensions = 4, Timeout = TimeSpan.FromMilliseconds(500), PurgeInterval = null }, logs.CreateLogger<QdrantVectorIndex>());

        await Assert.ThrowsAsync<QdrantVectorIndexException>(() => index.CountAsync().AsTask());

        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.EventName == "CallFailed");
        Assert.Contains("collection-exists", warning.Message, StringComparison.Ordinal);
        Assert.Contains(endpoint.Authority, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePurgeLoop_RunsOnItsInterval_AndSurvivesAnUnreachableServer()
    {
        var logs = new CapturingLoggerFactory();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var index = new QdrantVectorIndex(
            new QdrantVectorIndexOptions { Endpoint = ClosedPort(), Dimensions = 4, Timeout = TimeSpan.FromMilliseconds(500), PurgeInterval = TimeSpan.FromMinutes(10) },
            logs.CreateLogger<QdrantVectorIndex>(),
            clock);

        Assert.DoesNotContain(logs.Entries, e => e.EventName == "PurgeFailed");
        for (var tick = 1; tick <= 2; tick++)
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            var expected = tick;
            var deadline = DateTime.UtcNow + Bound;
            while (logs.Entries.Count(e => e.EventName == "PurgeFailed") < expected && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            Assert.Equal(expected, logs.Entries.Count(e => e.EventName == "PurgeFailed"));
        }
    }

    [Fact]
    public async Task ASilentServer_HitsTheDeadline_AndFailsWithQdrantVectorIndexException()
    {
        // Accepts TCP connections and never answers: the "slow or hung server" case.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<TcpClient>();
        using var stop = new CancellationTokenSource();
        var acceptLoop = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    accepted.Add(await silent.AcceptTcpClientAsync(stop.Token));
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception ex) when (stop.IsCancellationRequested && ex is InvalidOperationException or SocketException or ObjectDisposedException)
            {
                // The listener was stopped under a pending or next accept: that is the end of the loop too.
            }
        });

        try
        {
            await using var index = IndexAt(new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}"));
            var clock = Stopwatch.StartNew();
            var ex = await Assert.ThrowsAsync<QdrantVectorIndexException>(() => index.SearchAsync(new float[] { 0, 1, 0, 0 }, Scope, 1).AsTask());
            Assert.True(clock.Elapsed < Bound, $"took {clock.Elapsed}");
            Assert.Contains("collection-exists", ex.Operation, StringComparison.Ordinal);
        }
        finally
        {
            // End the loop before stopping the listener: an accept issued after Stop() threw "Not listening".
            await stop.CancelAsync();
            await acceptLoop;
            silent.Stop();
            accepted.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task AFailedCall_DoesNotPoisonTheIndex_LaterCallsTryAgain()
    {
        await using var index = IndexAt(ClosedPort());
        var first = await Assert.ThrowsAsync<QdrantVectorIndexException>(() => index.CountAsync().AsTask());
        var second = await Assert.ThrowsAsync<QdrantVectorIndexException>(() => index.CountAsync().AsTask());

        // Both attempts reached the network (collection setup is retried, not cached as failed).
        Assert.Equal("collection-exists", first.Operation);
        Assert.Equal("collection-exists", second.Operation);
    }

    [Fact]
    public async Task BadInput_IsAnArgumentException_EvenWhenTheServerIsDown()
    {
        await using var index = IndexAt(ClosedPort());

        var wrongDims = await Assert.ThrowsAnyAsync<ArgumentException>(() => index.UpsertAsync(new VectorEntry("a", new float[3], Scope)).AsTask());
        Assert.Contains("4-dimensional", wrongDims.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => index.SearchAsync(new float[] { 0, 0, 0, 0 }, Scope, 1).AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => index.SearchAsync(new float[] { 1, 0, 0, 0 }, Scope, 0).AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => index.DeleteByTagAsync(string.Empty).AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => index.UpsertBatchAsync([new VectorEntry("a", new float[] { 1, 0, 0, 0 }, Scope), new VectorEntry("b", new float[] { float.NaN, 0, 0, 0 }, Scope)]).AsTask());
    }

    [Fact]
    public async Task ACancelledToken_IsAnOperationCanceledException_NotAFault()
    {
        await using var index = IndexAt(ClosedPort());
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => index.SearchAsync(new float[] { 1, 0, 0, 0 }, Scope, 1, cts.Token).AsTask());
    }

    [Theory]
    [InlineData("ftp://localhost:6334", "Endpoint")]
    [InlineData(null, "CollectionName")]
    public void InvalidOptions_AreRejectedWithTheSettingNamed(string? endpoint, string named)
    {
        var options = new QdrantVectorIndexOptions { PurgeInterval = null };
        if (endpoint is not null)
        {
            options.Endpoint = new Uri(endpoint);
        }
        else
        {
            options.CollectionName = " ";
        }

        var ex = Assert.Throws<ArgumentException>(() => new QdrantVectorIndex(options));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidNumbers_AreRejectedWithTheSettingNamed()
    {
        var ex = Assert.Throws<ArgumentException>(() => new QdrantVectorIndex(new QdrantVectorIndexOptions { Dimensions = 0, Timeout = TimeSpan.Zero, UpsertBatchSize = 0 }));
        Assert.Contains("Dimensions", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Timeout", ex.Message, StringComparison.Ordinal);
        Assert.Contains("UpsertBatchSize", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_Are384DimensionsOnTheLocalGrpcPort()
    {
        var options = new QdrantVectorIndexOptions();
        Assert.Equal(384, options.Dimensions);
        Assert.Equal(new Uri("http://localhost:6334"), options.Endpoint);
        Assert.Equal("agentframework_semantic_cache", options.CollectionName);
        Assert.True(options.Timeout <= TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AddQdrantVectorIndex_RegistersTheIndexAsIVectorIndex_WithTheConfiguredOptions()
    {
        var services = new ServiceCollection();
        services.AddQdrantVectorIndex(o =>
        {
            o.CollectionName = "from_di";
            o.Dimensions = 16;
            o.PurgeInterval = null;
        });
        await using var provider = services.BuildServiceProvider();

        var index = provider.GetRequiredService<IVectorIndex>();
        var qdrant = Assert.IsType<QdrantVectorIndex>(index);
        Assert.Same(qdrant, provider.GetRequiredService<QdrantVectorIndex>());
        Assert.Equal(16, index.Dimensions);
        Assert.Equal("from_di", qdrant.CollectionName);
    }

    [Fact]
    public async Task AddQdrantVectorIndex_ValidatesOptionsWhenResolved()
    {
        var services = new ServiceCollection();
        services.AddQdrantVectorIndex(o => o.CollectionName = "bad name!");
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IVectorIndex>());
        Assert.Contains("Collection names", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddQdrantVectorIndex_KeepsAnIndexRegisteredBefore()
    {
        var services = new ServiceCollection();
        var existing = new QdrantVectorIndex(new QdrantVectorIndexOptions { Dimensions = 3, PurgeInterval = null });
        services.AddSingleton<IVectorIndex>(existing);
        services.AddQdrantVectorIndex();
        await using var provider = services.BuildServiceProvider();

        Assert.Same(existing, provider.GetRequiredService<IVectorIndex>());
    }
}
