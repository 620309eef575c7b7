using AgentFramework.VectorIndex.Conformance;
using AgentFramework.VectorSearch;
using Microsoft.Extensions.Logging;

namespace AgentFramework.VectorIndex.Tests.Persistence;

/// <summary>
/// Damage that is not a torn tail — bytes flipped in the middle of a log, a damaged or cut snapshot, a
/// damaged file header — keeps the damaged bytes aside, is logged with what was lost, and never makes the
/// open delete a file. A damaged snapshot costs its damaged records only (a snapshot holds live entries,
/// nothing else); records lost from a log also stop the entries written before them from being served,
/// because a lost record may have deleted or replaced one of them.
/// </summary>
public sealed class DamageRecoveryTests
{
    private const int Dims = 8;
    private static readonly VectorScope A = VectorScope.Of(("tenant", "a"));

    private static EmbeddedVectorIndex Open(string directory, ILogger<EmbeddedVectorIndex>? logger = null) =>
        new(new EmbeddedVectorIndexOptions { Dimensions = Dims, Directory = directory }, logger: logger);

    private static VectorEntry Entry(int i) => new($"e{i:D3}", TestVectors.RandomUnit(new Random(i), Dims), A, $"payload {i}", [$"t{i % 3}"]);

    /// <summary>Which of entries 0..<paramref name="upTo"/> the index returns intact (itself first, exact score, its payload).</summary>
    private static async Task<HashSet<int>> PresentAsync(EmbeddedVectorIndex index, int upTo)
    {
        var present = new HashSet<int>();
        for (var i = 0; i < upTo; i++)
        {
            var top = await index.SearchAsync(Entry(i).Vector, A, 1);
            if (top.Count == 1 && top[0].Id == Entry(i).Id)
            {
                Assert.Equal(Entry(i).Payload, top[0].Payload);
                Assert.Equal(1f, top[0].Score, 4);
                present.Add(i);
            }
        }

        return present;
    }

    /// <summary>Offset and total length (framing included) of each record of a log or snapshot.</summary>
    internal static List<(int Offset, int Length)> Frames(byte[] file)
    {
        var frames = new List<(int, int)>();
        var at = 16;
        while (at + 8 <= file.Length)
        {
            var length = 8 + BitConverter.ToInt32(file, at);
            frames.Add((at, length));
            at += length;
        }

        return frames;
    }

    private static async Task WriteAsync(string directory, int from, int to, bool compactAfter = false)
    {
        await using var index = Open(directory);
        for (var i = from; i < to; i++)
        {
            await index.UpsertAsync(Entry(i));
        }

        if (compactAfter)
        {
            await index.CompactAsync();
        }
    }

    private static string[] Quarantined(string directory) => Directory.GetFiles(directory, "*.corrupt-*");

    private static string[] Suspect(string directory) => Directory.GetFiles(directory, "*.suspect-*");

    [Theory]
    [InlineData(20)] // a byte inside the vector
    [InlineData(10)] // a byte inside the id
    [InlineData(0)] // the length field: the record's own end is unknown, replay scans for the next record
    [InlineData(5)] // the checksum
    public async Task BytesFlippedMidLog_LoseThatRecordAndTheEntriesBeforeIt_AreKeptAside_AndLogged(int offsetInRecord)
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 0, 40);
        var logPath = Assert.Single(Directory.GetFiles(dir.Path, "*.log"));
        var bytes = await File.ReadAllBytesAsync(logPath);
        var (start, length) = Frames(bytes)[20];
        var flipped = Math.Min(16, length - offsetInRecord);
        for (var i = 0; i < flipped; i++)
        {
            bytes[start + offsetInRecord + i] ^= 0xA5;
        }

        var damagedRecord = bytes.AsSpan(start, length).ToArray();
        await File.WriteAllBytesAsync(logPath, bytes);

        var logger = new CapturingLogger();
        await using (var index = Open(dir.Path, logger))
        {
            // Entries 0-19 were written before the lost record, which might have deleted or replaced one of them.
            var present = await PresentAsync(index, 40);
            Assert.Equal(Enumerable.Range(21, 19), present.Order());
            Assert.Equal(19, await index.CountAsync());
            Assert.Equal(1, index.Recovery!.SkippedRecords);
            Assert.Equal(length, index.Recovery.SkippedBytes);
            Assert.Equal(20, index.Recovery.DroppedBeforeDamage);
            await index.UpsertAsync(Entry(100));
        }

        var warning = Assert.Single(logger.AtLeast(LogLevel.Warning), m => m.Contains("skipped", StringComparison.Ordinal));
        Assert.Contains($"{length} damaged bytes", warning, StringComparison.Ordinal);
        Assert.Contains("1 record", warning, StringComparison.Ordinal);
        Assert.Contains(logger.AtLeast(LogLevel.Error), m => m.Contains("the 20 entries written before it", StringComparison.Ordinal));

        // The damaged bytes are kept, byte for byte, next to the log; the log itself is renamed aside whole.
        var kept = Assert.Single(Quarantined(dir.Path));
        Assert.Equal(damagedRecord, await File.ReadAllBytesAsync(kept));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Assert.Single(Suspect(dir.Path))));

        // What is served was written back cleanly: a second open finds no damage and loses nothing more.
        var again = new CapturingLogger();
        await using (var reopened = Open(dir.Path, again))
        {
            Assert.Equal(20, await reopened.CountAsync());
            Assert.Equal(0, reopened.Recovery!.SkippedBytes);
            Assert.Equal(0, reopened.Recovery.DroppedBeforeDamage);
        }

        Assert.Empty(again.AtLeast(LogLevel.Warning));
        Assert.Single(Quarantined(dir.Path));
        Assert.Single(Suspect(dir.Path));
    }

    [Fact]
    public async Task SeveralDamagedRegions_InOneLog_KeepOnlyWhatWasWrittenAfterTheLast()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 0, 30);
        var logPath = Assert.Single(Directory.GetFiles(dir.Path, "*.log"));
        var bytes = await File.ReadAllBytesAsync(logPath);
        var frames = Frames(bytes);
        foreach (var record in new[] { 3, 4, 17, 28 })
        {
            bytes[frames[record].Offset + 30] ^= 0xFF;
        }

        await File.WriteAllBytesAsync(logPath, bytes);
        await using var index = Open(dir.Path);
        var present = await PresentAsync(index, 30);
        Assert.Equal([29], present.Order());
        Assert.Equal(4, index.Recovery!.SkippedRecords);
        Assert.Equal(25, index.Recovery.DroppedBeforeDamage); // 0-27 but the three lost before 28
    }

    [Fact]
    public async Task DamagedLastRecord_IsKeptAside_ThenCut()
    {
        // A complete last record failing its checksum is damage, not a torn write: kept aside before the cut.
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 0, 10);
        var logPath = Assert.Single(Directory.GetFiles(dir.Path, "*.log"));
        var bytes = await File.ReadAllBytesAsync(logPath);
        bytes[^3] ^= 0x10;
        await File.WriteAllBytesAsync(logPath, bytes);
        await using (var index = Open(dir.Path))
        {
            Assert.Equal(0, await index.CountAsync());
            Assert.Equal(9, index.Recovery!.DroppedBeforeDamage);
            await index.UpsertAsync(Entry(50));
        }

        Assert.Single(Quarantined(dir.Path));
        Assert.Single(Suspect(dir.Path));
        await using var reopened = Open(dir.Path);
        Assert.Equal([50], await PresentAsync(reopened, 51));
    }

    [Theory]
    [InlineData(0)] // the length field
    [InlineData(9)] // inside the id
    public async Task DamagedDeleteRecord_NeverBringsTheDeletedEntryBack(int offsetInRecord)
    {
        // The case the rule exists for: a cache entry invalidated (its answer went stale) must stay gone.
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 0, 10, compactAfter: true);
        await using (var index = Open(dir.Path))
        {
            Assert.True(await index.DeleteAsync(Entry(4).Id));
            for (var i = 10; i < 15; i++)
            {
                await index.UpsertAsync(Entry(i));
            }
        }

        var snapshot = await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(dir.Path, "*.snap")));
        var logPath = Assert.Single(Directory.GetFiles(dir.Path, "*.log"));
        var bytes = await File.ReadAllBytesAsync(logPath);
        var delete = Frames(bytes)[0];
        Assert.True(delete.Length < 100, "the log's first record is the small delete record");
        bytes[delete.Offset + offsetInRecord] ^= 0x40;
        await File.WriteAllBytesAsync(logPath, bytes);

        await using (var index = Open(dir.Path))
        {
            Assert.Equal(Enumerable.Range(10, 5), (await PresentAsync(index, 15)).Order());
            Assert.Equal(10, index.Recovery!.DroppedBeforeDamage); // the snapshot's ten, e4 among them: its delete is lost
        }

        // Nothing is deleted from disk: the snapshot that held the dropped entries is kept whole.
        Assert.Contains(Suspect(dir.Path), path => File.ReadAllBytes(path).AsSpan().SequenceEqual(snapshot));
        await using var reopened = Open(dir.Path);
        Assert.Equal(Enumerable.Range(10, 5), (await PresentAsync(reopened, 15)).Order());
    }

    [Fact]
    public async Task DamagedDeleteByTagRecord_NeverBringsTheTaggedEntriesBack()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 0, 12);
        await using (var index = Open(dir.Path))
        {
            Assert.Equal(4, await index.DeleteByTagAsync("t1"));
            await index.UpsertAsync(Entry(20));
        }

        var logPath = Assert.Single(Directory.GetFiles(dir.Path, "*.log"));
        var bytes = await File.ReadAllBytesAsync(logPath);
        var deleteTag = Frames(bytes)[12];
        bytes[deleteTag.Offset + deleteTag.Length - 1] ^= 0x08;
        await File.WriteAllBytesAsync(logPath, bytes);

        await using var reopened = Open(dir.Path);
        var present = await PresentAsync(reopened, 21);
        Assert.DoesNotContain(present, i => i % 3 == 1);
        Assert.Equal([20], present.Order());
    }

    [Fact]
    public async Task DamagedSnapshot_OpensWithItsIntactRecords_SaysWhatItLost_AndIsRenamedAsideNotDeleted()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 0, 100, compactAfter: true);
        await WriteAsync(dir.Path, 100, 105); // in the new generation's log
        var snapPath = Assert.Single(Directory.GetFiles(dir.Path, "*.snap"));
        var bytes = await File.ReadAllBytesAsync(snapPath);
        var frames = Frames(bytes);
        Assert.Equal(101, frames.Count); // 100 entries and the closing count
        var (start, _) = frames[50];
        for (var i = 0; i < 16; i++)
        {
            bytes[start + 20 + i] ^= 0x5A;
        }

        await File.WriteAllBytesAsync(snapPath, bytes);
        var logger = new CapturingLogger();
        HashSet<int> present;
        await using (var index = Open(dir.Path, logger))
        {
            present = await PresentAsync(index, 105);
            Assert.Equal(104, present.Count);
            Assert.Equal(104, await index.CountAsync());
            Assert.Equal(1, index.Recovery!.LostSnapshotEntries);
        }

        var error = Assert.Single(logger.Entries, e => e.Level == LogLevel.Error).Message;
        Assert.Contains("99 of its 100 entries", error, StringComparison.Ordinal);

        // The damaged snapshot is kept whole under another name; the index's state was rewritten from what survived.
        var kept = Assert.Single(Quarantined(dir.Path));
        Assert.Contains(".snap.corrupt-", kept, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(kept));
        await using (var reopened = Open(dir.Path))
        {
            Assert.Equal(present, await PresentAsync(reopened, 105));
            Assert.Equal(0, reopened.Recovery!.LostSnapshotEntries);
        }

        Assert.Single(Quarantined(dir.Path));
    }

    [Fact]
    public async Task TruncatedSnapshot_KeepsTheRecordsBeforeTheCut_AndSaysTheCountIsUnknown()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 0, 60, compactAfter: true);
        await WriteAsync(dir.Path, 60, 63);
        var snapPath = Assert.Single(Directory.GetFiles(dir.Path, "*.snap"));
        var bytes = await File.ReadAllBytesAsync(snapPath);
        var frames = Frames(bytes);
        var cut = frames[40].Offset + 7;
        await File.WriteAllBytesAsync(snapPath, bytes.AsMemory(0, cut));

        var logger = new CapturingLogger();
        await using (var index = Open(dir.Path, logger))
        {
            // Snapshot rows are in slot order, not id order, so count and check rather than name them.
            Assert.Equal(40 + 3, await index.CountAsync());
            Assert.Equal(43, (await PresentAsync(index, 63)).Count);
        }

        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("unknown", StringComparison.Ordinal));
        Assert.Single(Quarantined(dir.Path));
    }

    [Theory]
    [InlineData("snap", 0)] // magic
    [InlineData("snap", 4)] // format version
    [InlineData("snap", 6)] // file kind
    [InlineData("snap", 8)] // dimension
    [InlineData("log", 0)]
    [InlineData("log", 4)]
    [InlineData("log", 6)]
    [InlineData("log", 8)]
    public async Task DamagedFileHeader_WithIntactRecords_LosesNothing(string kind, int offset)
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 0, 30, compactAfter: true);
        await WriteAsync(dir.Path, 30, 35);
        var path = Assert.Single(Directory.GetFiles(dir.Path, "*." + kind));
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[offset] ^= 0x21;
        await File.WriteAllBytesAsync(path, bytes);

        var logger = new CapturingLogger();
        await using (var index = Open(dir.Path, logger))
        {
            Assert.Equal(35, (await PresentAsync(index, 35)).Count);
        }

        Assert.Contains(logger.AtLeast(LogLevel.Warning), m => m.Contains("header", StringComparison.Ordinal));
        Assert.Single(Quarantined(dir.Path));
        await using var reopened = Open(dir.Path);
        Assert.Equal(35, await reopened.CountAsync());
    }

    [Fact]
    public async Task DamagedNewestSnapshot_WithTheOlderGenerationStillThere_LosesNothing()
    {
        // A crash between writing a snapshot and removing the generation it replaces leaves both; if the
        // newer snapshot is then damaged, the older snapshot and the logs since cover everything.
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 0, 50, compactAfter: true);
        await WriteAsync(dir.Path, 50, 60);
        var older = Directory.GetFiles(dir.Path, "index.*").Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)).ToDictionary(f => f, File.ReadAllBytes);
        await WriteAsync(dir.Path, 60, 60, compactAfter: true);
        await WriteAsync(dir.Path, 60, 65);
        foreach (var (path, content) in older)
        {
            await File.WriteAllBytesAsync(path, content);
        }

        var newest = Directory.GetFiles(dir.Path, "*.snap").Order(StringComparer.Ordinal).Last();
        var bytes = await File.ReadAllBytesAsync(newest);
        bytes[Frames(bytes)[30].Offset + 12] ^= 0x01;
        await File.WriteAllBytesAsync(newest, bytes);

        await using (var index = Open(dir.Path))
        {
            Assert.Equal(65, (await PresentAsync(index, 65)).Count);
            Assert.Equal(0, index.Recovery!.LostSnapshotEntries);
        }

        Assert.Contains(newest + ".corrupt-", Assert.Single(Quarantined(dir.Path)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OlderDamagedSnapshot_IsRenamedAside_NeverDeleted()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 0, 20, compactAfter: true);
        var snap = Assert.Single(Directory.GetFiles(dir.Path, "*.snap"));
        var bytes = await File.ReadAllBytesAsync(snap);
        bytes[Frames(bytes)[5].Offset + 12] ^= 0x01;

        // An older generation's snapshot that does not check out: superseded, but not the open's to delete.
        var stale = Path.Combine(dir.Path, "index.0000000000.snap");
        await File.WriteAllBytesAsync(stale, bytes);
        await using (var index = Open(dir.Path))
        {
            Assert.Equal(20, await index.CountAsync());
        }

        Assert.False(File.Exists(stale));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Assert.Single(Quarantined(dir.Path))));
    }

    [Fact]
    public async Task GarbageWhereTheNewestSnapshotShouldBe_IsRenamedAside_AndTheLogsStillCount()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 0, 5);
        var garbage = Path.Combine(dir.Path, "index.0000000009.snap");
        await File.WriteAllBytesAsync(garbage, [.. Enumerable.Range(0, 300).Select(i => (byte)(i * 7))]);
        await using (var index = Open(dir.Path))
        {
            Assert.Equal(5, await index.CountAsync());
        }

        Assert.False(File.Exists(garbage));
        Assert.Single(Quarantined(dir.Path));
        Assert.Single(Directory.GetFiles(dir.Path, "*.log"));
    }

    [Fact]
    public async Task RefusedOpen_OfAnotherDimension_LeavesEveryFileAsItWas()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 0, 20, compactAfter: true);
        await WriteAsync(dir.Path, 20, 25);

        // Leftovers an open would otherwise clean up or set aside: a temporary file, a file that is not a snapshot, a torn log tail.
        await File.WriteAllBytesAsync(Path.Combine(dir.Path, "index.0000000002.snap.tmp"), new byte[64]);
        await File.WriteAllBytesAsync(Path.Combine(dir.Path, "index.0000000009.snap"), [.. Enumerable.Range(0, 300).Select(i => (byte)(i * 7))]);
        var log = Assert.Single(Directory.GetFiles(dir.Path, "*.log"));
        await File.AppendAllTextAsync(log, "torn");
        var before = Directory.GetFiles(dir.Path).ToDictionary(f => f, File.ReadAllBytes);

        var ex = Assert.Throws<InvalidOperationException>(() => new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = 16, Directory = dir.Path }));
        Assert.Contains("8-dimensional", ex.Message, StringComparison.Ordinal);
        var after = Directory.GetFiles(dir.Path).ToDictionary(f => f, File.ReadAllBytes);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, content) in before)
        {
            Assert.Equal(content, after[path]);
        }
    }
}
