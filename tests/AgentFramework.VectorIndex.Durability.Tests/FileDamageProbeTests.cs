using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using AgentFramework.VectorSearch;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

using AgentFramework.VectorIndex.Tests;

namespace AgentFramework.VectorIndex.Durability.Tests;

/// <summary>
/// The probe's damage test: a directory with every kind of file the index keeps — a snapshot, its HNSW graph
/// file, a log with upserts and deletes written after it, the lock file — is copied and damaged in seeded,
/// reproducible ways (bytes flipped at random offsets, headers included; the file cut at a random offset;
/// the lock file filled with garbage), then opened twice.
/// </summary>
/// <remarks>
/// Each case must open without throwing, return only intact entries (own vector first, exact score, own
/// payload), lose at most the entries whose records the damage touched (and bring back at most the entries
/// whose delete records it touched) — never a whole file — keep the damaged bytes of a log or snapshot in a
/// <c>.corrupt-*</c> file, remove no file except one a newer snapshot supersedes, and open the second time
/// with the same entries and no error.
/// </remarks>
public sealed class FileDamageProbeTests(ITestOutputHelper output)
{
    private const int Dims = 16;
    private const int Seed = 20_261_206;
    private const int Entries = 400;
    private const int HeaderBytes = 16;
    private static readonly VectorScope[] Scopes = [VectorScope.Of(("tenant", "big")), VectorScope.Of(("tenant", "b")), VectorScope.Of(("tenant", "c"))];

    /// <summary>A byte of each header field that is read: magic, format version, file kind, dimension (the rest is padding).</summary>
    private static readonly int[] HeaderFields = [0, 4, 6, 8];

    private static string Id(int i) => $"id{i}";

    private static string Payload(int i) => $"payload-{i}-" + new string('x', i % 17);

    private static VectorScope ScopeOf(int i) => i < 200 ? Scopes[0] : i < 250 ? Scopes[1] : i < 300 ? Scopes[2] : Scopes[i % 3];

    private static float[] Vector(int i)
    {
        var random = new Random(i * 7919 + 1);
        var v = new float[Dims];
        double sum = 0;
        for (var d = 0; d < Dims; d++)
        {
            v[d] = (float)(random.NextDouble() - 0.5);
            sum += v[d] * (double)v[d];
        }

        var inv = (float)(1 / Math.Sqrt(sum));
        for (var d = 0; d < Dims; d++)
        {
            v[d] *= inv;
        }

        return v;
    }

    private static EmbeddedVectorIndexOptions Options(string directory) => new()
    {
        Dimensions = Dims,
        Directory = directory,
        AnnThreshold = 50, // the big scope gets a graph, so the snapshot gets a graph file
        AnnExpansionSearch = 1000, // walks the whole graph: every search is exact, so a missing hit means a missing entry
    };

    /// <summary>
    /// Generation 1: a snapshot of 270 entries (300 written, every id ending in 3 deleted) and its graph file;
    /// then its log: 100 more upserts, deletes of 30 snapshot entries and of 10 of the new ones. 330 live.
    /// </summary>
    private static async Task<HashSet<int>> BuildAsync(string directory)
    {
        var live = new HashSet<int>();
        await using var index = new EmbeddedVectorIndex(Options(directory));
        for (var i = 0; i < 300; i++)
        {
            await index.UpsertAsync(new VectorEntry(Id(i), Vector(i), ScopeOf(i), Payload(i), [$"t{i % 4}"]));
            live.Add(i);
        }

        for (var i = 3; i < 300; i += 10)
        {
            Assert.True(await index.DeleteAsync(Id(i)));
            live.Remove(i);
        }

        await index.CompactAsync();
        for (var i = 300; i < Entries; i++)
        {
            await index.UpsertAsync(new VectorEntry(Id(i), Vector(i), ScopeOf(i), Payload(i), [$"t{i % 4}"]));
            live.Add(i);
            if (i < 330)
            {
                var victim = (i - 300) * 10 + 7;
                Assert.True(await index.DeleteAsync(Id(victim)));
                live.Remove(victim);
            }

            if (i % 10 == 9)
            {
                Assert.True(await index.DeleteAsync(Id(i - 2)));
                live.Remove(i - 2);
            }
        }

        return live;
    }

    private enum Damage
    {
        Flip,
        Truncate,
        Garbage,
    }

    private sealed record Case(int Number, string File, Damage Damage, int Offset, int Length, byte[] Bytes)
    {
        public override string ToString() => Damage switch
        {
            Damage.Flip => $"case {Number}: {File}, {Length} byte(s) flipped at offset {Offset}",
            Damage.Truncate => $"case {Number}: {File}, cut at offset {Offset}",
            _ => $"case {Number}: {File}, replaced by {Length} bytes of garbage",
        };
    }

    /// <summary>A record of a log or snapshot: where it is, what kind, which entry.</summary>
    private sealed record Frame(int Start, int End, byte Kind, int Entry);

    private static List<Frame> Frames(byte[] file)
    {
        var frames = new List<Frame>();
        for (var at = HeaderBytes; at + 8 <= file.Length;)
        {
            var end = at + 8 + BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(at));
            var kind = file[at + 8];
            var entry = -1;
            if (kind is 1 or 2)
            {
                using var reader = new BinaryReader(new MemoryStream(file, at + 9, end - at - 9), Encoding.UTF8);
                entry = int.Parse(reader.ReadString().AsSpan(2), CultureInfo.InvariantCulture);
            }

            frames.Add(new Frame(at, end, kind, entry));
            at = end;
        }

        return frames;
    }

    private static List<Case> MakeCases(Dictionary<string, byte[]> files)
    {
        var random = new Random(Seed);
        var cases = new List<Case>();
        foreach (var (name, bytes) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (name.EndsWith(".lock", StringComparison.Ordinal))
            {
                // The lock file holds no data (it is only held open): garbage in it must change nothing.
                for (var i = 0; i < 4; i++)
                {
                    var garbage = new byte[random.Next(1, 4096)];
                    random.NextBytes(garbage);
                    cases.Add(new Case(cases.Count, name, Damage.Garbage, 0, garbage.Length, garbage));
                }

                continue;
            }

            // Twelve flips anywhere, and in logs and snapshots one in each header field that is read.
            var headerCases = name.EndsWith(".graph", StringComparison.Ordinal) ? 0 : HeaderFields.Length;
            for (var i = 0; i < 12 + headerCases; i++)
            {
                var length = i < 12 ? random.Next(1, 17) : 1;
                var offset = i < 12 ? random.Next(0, bytes.Length - length + 1) : HeaderFields[i - 12];
                var mask = new byte[length];
                for (var b = 0; b < length; b++)
                {
                    mask[b] = (byte)random.Next(1, 256);
                }

                cases.Add(new Case(cases.Count, name, Damage.Flip, offset, length, mask));
            }

            for (var i = 0; i < 8; i++)
            {
                cases.Add(new Case(cases.Count, name, Damage.Truncate, random.Next(0, bytes.Length), 0, []));
            }
        }

        return cases;
    }

    private static long GenerationOf(string fileName) =>
        fileName.Split('.') is [_, var generation, ..] && long.TryParse(generation, CultureInfo.InvariantCulture, out var g) ? g : -1;

    [Fact]
    public async Task SeededFlipsTruncationsAndGarbage_InEveryFileKind_BringNoDeletedEntryBackUnlessCut_LoseOnlyWhatTheDamageCouldHaveChanged_AndDeleteNothing()
    {
        using var pristine = new TempDirectory();
        var live = await BuildAsync(pristine.Path);
        var files = Directory.GetFiles(pristine.Path).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        Assert.Equal(["index.0000000001.graph", "index.0000000001.log", "index.0000000001.snap", "index.lock"], files.Keys.Order(StringComparer.Ordinal));
        var frames = files.Where(f => f.Key.EndsWith(".log", StringComparison.Ordinal) || f.Key.EndsWith(".snap", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => Frames(f.Value));
        Assert.Equal(271, frames["index.0000000001.snap"].Count); // 270 entries and the closing count
        Assert.Equal(140, frames["index.0000000001.log"].Count); // 100 upserts and 40 deletes

        var cases = MakeCases(files);
        var failures = new List<string>();
        var lines = new List<string>();
        int detected = 0, setAside = 0, casesWithLoss = 0;
        long lostTotal = 0, allowedTotal = 0;
        foreach (var c in cases)
        {
            try
            {
                var (lost, allowed, wasDetected, asideFiles) = await RunCaseAsync(c, files, frames, live);
                lines.Add($"{c}: lost {lost} of {allowed} entries the damage touched; {(wasDetected ? "reported" : "nothing reported")}; {asideFiles} file(s) set aside");
                lostTotal += lost;
                allowedTotal += allowed;
                casesWithLoss += lost > 0 ? 1 : 0;
                detected += wasDetected ? 1 : 0;
                setAside += asideFiles;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures.Add($"{c}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        var byKind = cases.GroupBy(c => (Path.GetExtension(c.File), c.Damage)).Select(g => $"{g.Key.Item1} {g.Key.Damage.ToString().ToLowerInvariant()}: {g.Count()}");
        output.WriteLine($"{cases.Count} damage cases (seed {Seed}): {string.Join(", ", byKind)}");
        output.WriteLine($"{cases.Count - failures.Count} passed, {failures.Count} failed; damage reported in {detected}; {setAside} .corrupt-* files written");
        output.WriteLine($"entries lost: {lostTotal} over {casesWithLoss} cases, against {allowedTotal} entries whose records the damage touched");
        foreach (var line in lines.Concat(failures))
        {
            output.WriteLine(line);
        }

        Assert.True(cases.Count >= 50);
        Assert.Empty(failures);
    }

    private async Task<(int Lost, int Allowed, bool Detected, int SetAside)> RunCaseAsync(Case c, Dictionary<string, byte[]> files, Dictionary<string, List<Frame>> frames, HashSet<int> live)
    {
        using var dir = new TempDirectory();
        foreach (var (name, content) in files)
        {
            await File.WriteAllBytesAsync(Path.Combine(dir.Path, name), content);
        }

        var original = files[c.File];
        var damaged = c.Damage switch
        {
            Damage.Flip => Flip(original, c.Offset, c.Bytes),
            Damage.Truncate => original[..c.Offset],
            _ => c.Bytes,
        };
        await File.WriteAllBytesAsync(Path.Combine(dir.Path, c.File), damaged);

        // What the damage may cost: the entries of the upserts it touched, and — when it destroys log records, any of
        // which may have been a delete or a replacement — every entry last written before the damage (the snapshot's and
        // the log's up to there). What it may bring back: nothing — except the deletes a cut removed: a log cut short reads
        // as a torn write or a shorter log, which no check can tell from one that was never longer.
        var (from, to) = c.Damage == Damage.Flip ? (c.Offset, c.Offset + c.Length) : (c.Offset, original.Length);
        var touched = frames.TryGetValue(c.File, out var fileFrames) && c.Damage != Damage.Garbage
            ? fileFrames.Where(f => f.Start < to && f.End > from).ToList()
            : [];
        var mayLose = touched.Where(f => f.Kind == 1).Select(f => f.Entry).Where(live.Contains).ToHashSet();
        var logRecordsLost = c.File.EndsWith(".log", StringComparison.Ordinal) && (c.Damage == Damage.Garbage || (c.Damage == Damage.Flip && touched.Count > 0));
        if (logRecordsLost)
        {
            var lastLogWrite = frames[c.File].Where(f => f.Kind == 1).GroupBy(f => f.Entry).ToDictionary(g => g.Key, g => g.Max(f => f.Start));
            mayLose.UnionWith(live.Where(e => !lastLogWrite.TryGetValue(e, out var at) || at < to));
        }

        var logger = new CapturingLogger();
        HashSet<int> present;
        await using (var index = new EmbeddedVectorIndex(Options(dir.Path), logger: logger))
        {
            present = await PresentAsync(index);
            Assert.Equal(present.Count, await index.CountAsync());
        }

        var lost = live.Except(present).ToList();
        var back = present.Except(live).ToList();
        Assert.True(lost.All(mayLose.Contains), $"lost entries the damage did not touch: {string.Join(", ", lost.Where(e => !mayLose.Contains(e)))} (lost {lost.Count}, touched {mayLose.Count})");
        var mayReturn = c.Damage == Damage.Truncate ? touched.Where(f => f.Kind == 2).Select(f => f.Entry).ToHashSet() : [];
        Assert.True(back.All(mayReturn.Contains), $"deleted entries came back: {string.Join(", ", back.Where(e => !mayReturn.Contains(e)))}");

        // Nothing removed without a trace: every file is still there, set aside, or superseded by a newer snapshot.
        var now = Directory.GetFiles(dir.Path).Select(f => Path.GetFileName(f)).ToList();
        var newestSnapshot = now.Where(n => n.EndsWith(".snap", StringComparison.Ordinal)).Select(n => GenerationOf(n)).DefaultIfEmpty(-1).Max();
        foreach (var name in files.Keys)
        {
            var kept = now.Contains(name) || now.Any(n => n.StartsWith(name + ".corrupt-", StringComparison.Ordinal)) || GenerationOf(name) < newestSnapshot;
            Assert.True(kept, $"{name} was removed by the open without being set aside or superseded");
        }

        // The damaged bytes of a log or snapshot are kept: a flip in a record (or in a used header field) must be findable in a .corrupt-* file.
        var aside = now.Where(n => n.Contains(".corrupt-", StringComparison.Ordinal)).Select(n => File.ReadAllBytes(Path.Combine(dir.Path, n))).ToList();
        var headerFieldHit = Enumerable.Range(c.Offset, c.Length).Any(b => b is < 7 or (>= 8 and < 12));
        if (c.Damage == Damage.Flip && fileFrames is not null && (c.Offset >= HeaderBytes || headerFieldHit))
        {
            var flipped = damaged.AsSpan(c.Offset, c.Length).ToArray();
            Assert.True(aside.Any(a => a.AsSpan().IndexOf(flipped) >= 0), "the damaged bytes were not kept in a .corrupt-* file");
        }

        // A second open finds the damage repaired or set aside: the same entries, no error.
        var again = new CapturingLogger();
        await using (var reopened = new EmbeddedVectorIndex(Options(dir.Path), logger: again))
        {
            Assert.True(present.SetEquals(await PresentAsync(reopened)), "the second open returned other entries than the first");
        }

        Assert.Empty(again.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Message));
        var detected = logger.Entries.Any(e => e.Level >= LogLevel.Warning);
        return (lost.Count, mayLose.Count, detected, aside.Count);
    }

    /// <summary>Which entries the index returns, checking each is intact: itself first, exact score, its payload and tag.</summary>
    private static async Task<HashSet<int>> PresentAsync(EmbeddedVectorIndex index)
    {
        var present = new HashSet<int>();
        for (var i = 0; i < Entries; i++)
        {
            var top = await index.SearchAsync(Vector(i), ScopeOf(i), 1);
            if (top.Count == 1 && top[0].Id == Id(i))
            {
                Assert.Equal(Payload(i), top[0].Payload);
                Assert.InRange(top[0].Score, 0.9999f, 1.0001f);
                Assert.Equal([$"t{i % 4}"], top[0].Tags);
                present.Add(i);
            }
        }

        return present;
    }

    private static byte[] Flip(byte[] original, int offset, byte[] mask)
    {
        var copy = (byte[])original.Clone();
        for (var i = 0; i < mask.Length; i++)
        {
            copy[offset + i] ^= mask[i];
        }

        return copy;
    }
}
