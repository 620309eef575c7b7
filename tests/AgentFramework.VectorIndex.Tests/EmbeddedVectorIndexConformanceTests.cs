using System.Collections.Concurrent;
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

/// <summary>The conformance suite with a graph index for every scope (threshold 1), so ANN search is held to the same contract.</summary>
public sealed class AnnConformanceTests : VectorIndexConformanceTests
{
    /// <summary>
    /// The suite compares top-10 lists with brute force on at most 300 vectors; a beam larger than that makes the
    /// graph walk visit every reachable node, so a failure means a broken graph, not an approximation (the default
    /// beam is tuned for recall at 100k–1M entries, see the benchmark README). A beam of 96 was not enough: the
    /// parallel build links nodes in an order that depends on thread timing, and under load one top-10 list in
    /// twenty queries once lost its tenth entry.
    /// </summary>
    internal const int ConformanceBeam = 320;

    protected override Task<IVectorIndex> CreateIndexAsync(int dimensions, TimeProvider timeProvider) =>
        Task.FromResult<IVectorIndex>(new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = dimensions, AnnThreshold = 1, AnnExpansionSearch = ConformanceBeam }, timeProvider));
}

/// <summary>The conformance suite with full-precision rows in a memory-mapped temp file and int8 codes in memory.</summary>
public sealed class MemoryMappedConformanceTests : VectorIndexConformanceTests
{
    protected override Task<IVectorIndex> CreateIndexAsync(int dimensions, TimeProvider timeProvider) =>
        Task.FromResult<IVectorIndex>(new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = dimensions, MemoryMappedVectors = true, MapRowsAbove = 0 }, timeProvider));
}

/// <summary>The conformance suite in the memory-lean mode with a graph for every scope: int8 graph walks, exact re-scoring from the mapped rows.</summary>
public sealed class MemoryMappedAnnConformanceTests : VectorIndexConformanceTests
{
    protected override Task<IVectorIndex> CreateIndexAsync(int dimensions, TimeProvider timeProvider) =>
        Task.FromResult<IVectorIndex>(new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = dimensions, MemoryMappedVectors = true, MapRowsAbove = 0, AnnThreshold = 1, AnnExpansionSearch = AnnConformanceTests.ConformanceBeam }, timeProvider));
}

/// <summary>Shared plumbing for the persistent variants: one temp directory per index.</summary>
public abstract class PersistentConformanceTests : VectorIndexConformanceTests
{
    private readonly ConcurrentDictionary<IVectorIndex, TempDirectory> _directories = new();

    protected abstract VectorIndexDurability Durability { get; }

    protected override Task<IVectorIndex> CreateIndexAsync(int dimensions, TimeProvider timeProvider)
    {
        var directory = new TempDirectory();
        var index = new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = dimensions, Directory = directory.Path, Durability = Durability }, timeProvider);
        _directories[index] = directory;
        return Task.FromResult<IVectorIndex>(index);
    }

    private protected TempDirectory RemoveDirectory(IVectorIndex index) => _directories.TryRemove(index, out var directory) ? directory : throw new InvalidOperationException("Unknown index.");

    private protected void Register(IVectorIndex index, TempDirectory directory) => _directories[index] = directory;

    protected override async ValueTask DisposeIndexAsync(IVectorIndex index)
    {
        await base.DisposeIndexAsync(index);
        if (_directories.TryRemove(index, out var directory))
        {
            directory.Dispose();
        }
    }
}

/// <summary>The conformance suite against a persistent index in durable mode.</summary>
public sealed class DurableConformanceTests : PersistentConformanceTests
{
    protected override VectorIndexDurability Durability => VectorIndexDurability.Durable;
}

/// <summary>The conformance suite against a persistent index in fast mode.</summary>
public sealed class FastConformanceTests : PersistentConformanceTests
{
    protected override VectorIndexDurability Durability => VectorIndexDurability.Fast;
}

/// <summary>
/// The conformance suite where every index is a reopened one: each test runs against an index that
/// was written, closed and opened again from its files before the test starts writing.
/// </summary>
public sealed class ReopenedConformanceTests : PersistentConformanceTests
{
    protected override VectorIndexDurability Durability => VectorIndexDurability.Durable;

    protected override async Task<IVectorIndex> CreateIndexAsync(int dimensions, TimeProvider timeProvider)
    {
        // Leave something behind in another scope, delete it again, compact, and reopen.
        var first = (EmbeddedVectorIndex)await base.CreateIndexAsync(dimensions, timeProvider);
        var scope = VectorScope.Of(("warmup", "1"));
        await first.UpsertAsync(new VectorEntry("warm", TestVectors.Basis(dimensions, 0), scope, tags: ["w"]));
        await first.CompactAsync();
        Assert.Equal(1, await first.DeleteByTagAsync("w"));
        var directory = RemoveDirectory(first);
        await first.DisposeAsync();
        var reopened = new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = dimensions, Directory = directory.Path }, timeProvider);
        Assert.Equal(0, await reopened.CountAsync());
        Register(reopened, directory);
        return reopened;
    }
}
