using AgentFramework.VectorIndex.Conformance;
using AgentFramework.VectorSearch;
using Microsoft.Extensions.Time.Testing;

namespace AgentFramework.VectorIndex.Tests.Persistence;

/// <summary>The on-disk behaviour of a persistent index: reopen, compaction, damaged files, locking.</summary>
public sealed class DirectoryStoreTests
{
    private const int Dims = 8;
    private static readonly VectorScope A = VectorScope.Of(("tenant", "a"));
    private static readonly VectorScope B = VectorScope.Of(("tenant", "b"));

    private static EmbeddedVectorIndex Open(string directory, TimeProvider? time = null, Action<EmbeddedVectorIndexOptions>? configure = null)
    {
        var options = new EmbeddedVectorIndexOptions { Dimensions = Dims, Directory = directory };
        configure?.Invoke(options);
        return new EmbeddedVectorIndex(options, time);
    }

    private static VectorEntry Entry(int i, VectorScope? scope = null, DateTimeOffset? expiresAt = null, string[]? tags = null) =>
        new($"e{i:D3}", TestVectors.RandomUnit(new Random(i), Dims), scope ?? A, $"payload {i}", tags ?? [$"t{i % 3}"], expiresAt);

    private static async Task<string> DescribeAsync(IVectorIndex index)
    {
        // Every entry's own nearest neighbour (itself) plus counts: a fingerprint of the whole state.
        var lines = new List<string> { $"count={await index.CountAsync()} a={await index.CountAsync(A)} b={await index.CountAsync(B)}" };
        for (var i = 0; i < 60; i++)
        {
            foreach (var scope in new[] { A, B })
            {
                var top = await index.SearchAsync(TestVectors.RandomUnit(new Random(i), Dims), scope, 2);
                lines.Add(string.Join(";", top.Select(m => $"{m.Id}:{m.Score:F5}:{m.Payload}:{string.Join(",", m.Tags)}")));
            }
        }

        return string.Join("\n", lines);
    }

    [Fact]
    public async Task Reopen_RestoresEntriesPayloadsTagsAndDeletes()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        string before;
        await using (var index = Open(dir.Path, time))
        {
            for (var i = 0; i < 60; i++)
            {
                await index.UpsertAsync(Entry(i, i % 2 == 0 ? A : B, expiresAt: i % 7 == 0 ? time.GetUtcNow().AddHours(1) : null));
            }

            await index.UpsertAsync(Entry(4, B)); // moves e004 to B
            Assert.True(await index.DeleteAsync("e010"));
            Assert.True(await index.DeleteByTagAsync("t1") > 0);
            before = await DescribeAsync(index);
        }

        await using (var reopened = Open(dir.Path, time))
        {
            Assert.Equal(before, await DescribeAsync(reopened));
            Assert.True(await reopened.CountAsync() > 20);

            // Expiry survives the reopen too.
            var count = await reopened.CountAsync();
            time.Advance(TimeSpan.FromHours(2));
            Assert.True(await reopened.CountAsync() < count);
        }
    }

    [Fact]
    public async Task Compaction_KeepsState_AndLeavesOneSnapshotAndOneLog()
    {
        using var dir = new TempDirectory();
        string before;
        await using (var index = Open(dir.Path))
        {
            for (var i = 0; i < 40; i++)
            {
                await index.UpsertAsync(Entry(i));
            }

            await index.DeleteByTagAsync("t0");
            await index.CompactAsync();
            await index.UpsertAsync(Entry(100, B));
            await index.CompactAsync();
            await index.DeleteAsync("e001");
            before = await DescribeAsync(index);
        }

        Assert.Single(Directory.GetFiles(dir.Path, "*.snap"));
        Assert.Single(Directory.GetFiles(dir.Path, "*.log"));
        await using var reopened = Open(dir.Path);
        Assert.Equal(before, await DescribeAsync(reopened));
        Assert.Equal(26, await reopened.CountAsync());
    }

    [Fact]
    public async Task LogPastThreshold_CompactsByItself()
    {
        using var dir = new TempDirectory();
        await using (var index = Open(dir.Path, configure: o => { o.Dimensions = 384; o.CompactionLogBytes = 1 << 16; }))
        {
            var random = new Random(3);
            for (var i = 0; i < 200; i++)
            {
                // Rewriting the same 20 ids: the log grows, the live set does not.
                await index.UpsertAsync(new VectorEntry($"id{i % 20}", TestVectors.RandomUnit(random, 384), A, $"v{i}"));
            }

            Assert.Equal(20, await index.CountAsync());
        }

        var log = new FileInfo(Assert.Single(Directory.GetFiles(dir.Path, "*.log")));
        Assert.True(log.Length < 1 << 16, $"log is {log.Length} bytes");
        Assert.Single(Directory.GetFiles(dir.Path, "*.snap"));
        await using var reopened = Open(dir.Path, configure: o => o.Dimensions = 384);
        Assert.Equal(20, await reopened.CountAsync());
    }

    [Fact]
    public async Task LogCutAtEveryByte_OpensWithTheCompleteRecordsBeforeTheCut()
    {
        using var source = new TempDirectory();
        await using (var index = Open(source.Path))
        {
            for (var i = 0; i < 3; i++)
            {
                await index.UpsertAsync(Entry(i));
            }
        }

        var logPath = Assert.Single(Directory.GetFiles(source.Path, "*.log"));
        var bytes = await File.ReadAllBytesAsync(logPath);
        var recordEnds = RecordEnds(bytes);
        Assert.Equal(3, recordEnds.Count);

        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            using var dir = new TempDirectory();
            await File.WriteAllBytesAsync(Path.Combine(dir.Path, Path.GetFileName(logPath)), bytes.AsMemory(0, cut));
            await using var index = Open(dir.Path, configure: o => o.Durability = VectorIndexDurability.Fast);
            var expected = recordEnds.Count(end => end <= cut);
            Assert.Equal(expected, await index.CountAsync());

            // A cut is a torn write, not damage: nothing to keep aside.
            Assert.Empty(Directory.GetFiles(dir.Path, "*.corrupt-*"));

            // The cut was repaired, so a new write lands after the good records and survives a reopen.
            await index.UpsertAsync(Entry(50));
            await index.DisposeAsync();
            await using var again = Open(dir.Path, configure: o => o.Durability = VectorIndexDurability.Fast);
            Assert.Equal(expected + 1, await again.CountAsync());
        }
    }

    [Fact]
    public async Task FlippedByteInARecord_ServesOnlyWhatWasWrittenAfterIt_NeverThrows()
    {
        using var source = new TempDirectory();
        await using (var index = Open(source.Path))
        {
            for (var i = 0; i < 5; i++)
            {
                await index.UpsertAsync(Entry(i));
            }
        }

        var logPath = Assert.Single(Directory.GetFiles(source.Path, "*.log"));
        var bytes = await File.ReadAllBytesAsync(logPath);
        var ends = RecordEnds(bytes);
        for (var record = 0; record < ends.Count; record++)
        {
            var start = record == 0 ? 16 : ends[record - 1];
            foreach (var offset in new[] { start, start + 4, start + 9, ends[record] - 1 })
            {
                using var dir = new TempDirectory();
                var damaged = (byte[])bytes.Clone();
                damaged[offset] ^= 0x5A;
                await File.WriteAllBytesAsync(Path.Combine(dir.Path, Path.GetFileName(logPath)), damaged);
                await using var index = Open(dir.Path);
                // The damaged record is lost, and what came before it is not served (the lost record could have replaced it).
                Assert.Equal(4 - record, await index.CountAsync());
                Assert.Equal(0, await index.CountAsync(B));
                foreach (var i in Enumerable.Range(record + 1, 4 - record))
                {
                    var top = await index.SearchAsync(Entry(i).Vector, A, 1);
                    Assert.Equal(Entry(i).Id, top[0].Id);
                }

                Assert.True(index.Recovery!.DroppedBytes + index.Recovery.SkippedBytes > 0);
            }
        }
    }

    [Fact]
    public async Task GarbageLogFile_IsSetAside_AndTheIndexStartsEmpty()
    {
        using var dir = new TempDirectory();
        await File.WriteAllBytesAsync(Path.Combine(dir.Path, "index.0000000000.log"), [.. Enumerable.Range(0, 500).Select(i => (byte)(i * 31))]);
        await using (var index = Open(dir.Path))
        {
            Assert.Equal(0, await index.CountAsync());
            await index.UpsertAsync(Entry(1));
        }

        Assert.Single(Directory.GetFiles(dir.Path, "*.corrupt-*"));
        await using var reopened = Open(dir.Path);
        Assert.Equal(1, await reopened.CountAsync());
    }

    [Fact]
    public async Task UnfinishedSnapshot_IsIgnored()
    {
        using var dir = new TempDirectory();
        await using (var index = Open(dir.Path))
        {
            await index.UpsertAsync(Entry(1));
        }

        // A crash during compaction leaves a .tmp snapshot and, worse, maybe an incomplete renamed one.
        await File.WriteAllBytesAsync(Path.Combine(dir.Path, "index.0000000001.snap.tmp"), new byte[100]);
        await File.WriteAllBytesAsync(Path.Combine(dir.Path, "index.0000000007.snap"), new byte[10]);
        await using var reopened = Open(dir.Path);
        Assert.Equal(1, await reopened.CountAsync());
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public async Task OtherDimension_IsAClearError()
    {
        using var dir = new TempDirectory();
        await using (var index = Open(dir.Path))
        {
            await index.UpsertAsync(Entry(1));
        }

        var ex = Assert.Throws<InvalidOperationException>(() => Open(dir.Path, configure: o => o.Dimensions = 16));
        Assert.Contains("8-dimensional", ex.Message, StringComparison.Ordinal);
        Assert.Contains("16", ex.Message, StringComparison.Ordinal);

        // The failed open released the directory.
        await using var reopened = Open(dir.Path);
        Assert.Equal(1, await reopened.CountAsync());
    }

    [Fact]
    public async Task SecondOpenOfTheSameDirectory_IsRefused_UntilTheFirstCloses()
    {
        using var dir = new TempDirectory();
        var first = Open(dir.Path);
        var ex = Assert.Throws<InvalidOperationException>(() => Open(dir.Path));
        Assert.Contains("already open", ex.Message, StringComparison.Ordinal);
        await first.DisposeAsync();
        await using var second = Open(dir.Path);
        Assert.Equal(0, await second.CountAsync());
    }

    [Fact]
    public async Task ExpiredEntries_AreNotResurrected_AndLeaveTheSnapshot()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using (var index = Open(dir.Path, time))
        {
            await index.UpsertAsync(Entry(1, expiresAt: time.GetUtcNow().AddMinutes(5)));
            await index.UpsertAsync(Entry(2));
            time.Advance(TimeSpan.FromMinutes(10));
            await index.CompactAsync();
        }

        var snapshot = await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(dir.Path, "*.snap")));
        Assert.Equal(1, CountOccurrences(snapshot, "payload 2"u8));
        Assert.Equal(0, CountOccurrences(snapshot, "payload 1"u8));
        await using var reopened = Open(dir.Path, time);
        Assert.Equal(1, await reopened.CountAsync());
    }

    /// <summary>Offsets just past each framed record of a log (16-byte header, then [length][crc][body]…).</summary>
    private static List<int> RecordEnds(byte[] log)
    {
        var ends = new List<int>();
        var at = 16;
        while (at + 8 <= log.Length)
        {
            at += 8 + BitConverter.ToInt32(log, at);
            ends.Add(at);
        }

        return ends;
    }

    private static int CountOccurrences(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle)
    {
        var count = 0;
        for (var at = haystack.IndexOf(needle); at >= 0; at = haystack.IndexOf(needle))
        {
            count++;
            haystack = haystack[(at + needle.Length)..];
        }

        return count;
    }
}
