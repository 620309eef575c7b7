using System.Diagnostics;
using System.Globalization;
using AgentFramework.VectorIndex.CrashWriter;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

using AgentFramework.VectorIndex.Tests;

namespace AgentFramework.VectorIndex.Durability.Tests;

/// <summary>
/// The probe's kill test: a child process writes to a durable index (compacting every few hundred writes)
/// and is killed with SIGKILL at seeded random moments; after every kill the directory is reopened. Every
/// acknowledged write must be there, nothing may be corrupt, and a kill — a torn write — must never be
/// mistaken for damage: no error logged, nothing set aside.
/// </summary>
public sealed class KillAndReopenProbeTests(ITestOutputHelper output)
{
    private const int Kills = 12;
    private const int Seed = 16_2026;

    [Fact]
    public async Task KillNineMidWrite_TwelveTimes_KeepsEveryAcknowledgedWrite_AndIsNeverTakenForDamage()
    {
        using var directory = new TempDirectory();
        var random = new Random(Seed);
        var upserted = new HashSet<int>();
        var deleted = new HashSet<int>();
        var next = 0;
        var highestStarted = -1;
        long checkedAcks = 0;
        var compactionsInterrupted = 0;
        var tornTails = 0;
        for (var round = 0; round < Kills; round++)
        {
            var killAfterAcks = random.Next(1, 400);
            var extraDelayMs = random.Next(0, 20);
            var (acks, lastStarted, interrupted) = await RunChildUntilKilledAsync(directory.Path, next, killAfterAcks, extraDelayMs);
            compactionsInterrupted += interrupted ? 1 : 0;
            foreach (var (kind, i) in acks)
            {
                (kind == 'U' ? upserted : deleted).Add(i);
            }

            highestStarted = Math.Max(highestStarted, lastStarted);
            next = highestStarted + 1;

            var logger = new CapturingLogger();
            await using var index = new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = CrashWorkload.Dimensions, Directory = directory.Path }, logger: logger);
            var found = 0;
            var missing = new List<int>();
            for (var i = 0; i <= highestStarted; i++)
            {
                var top = await index.SearchAsync(CrashWorkload.Vector(i), CrashWorkload.Scope(i), 1);
                var present = top.Count == 1 && top[0].Id == CrashWorkload.Id(i);
                if (present)
                {
                    found++;
                    Assert.Equal(CrashWorkload.Payload(i), top[0].Payload);
                    Assert.InRange(top[0].Score, 0.9999f, 1.0001f);
                    Assert.Equal([$"step{i % 3}"], top[0].Tags);
                }

                if (deleted.Contains(i))
                {
                    Assert.False(present, $"e{i}: its delete was acknowledged, yet it is back after kill {round}.");
                    checkedAcks++;
                }
                else if (upserted.Contains(i) && !(CrashWorkload.IsEverDeleted(i) && i + 5 <= highestStarted))
                {
                    checkedAcks++;
                    if (!present)
                    {
                        missing.Add(i);
                    }
                }
            }

            Assert.True(missing.Count == 0, $"acknowledged entries missing after kill {round}: {string.Join(", ", missing)}");
            Assert.Equal(found, await index.CountAsync());
            Assert.Empty(logger.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Message));
            Assert.Empty(Directory.GetFiles(directory.Path, "*.corrupt-*"));
            tornTails += index.Recovery!.DroppedBytes > 0 ? 1 : 0;
            output.WriteLine($"kill {round + 1}: after {acks.Count} acks (+{extraDelayMs} ms); reopened with {found} entries ({index.Recovery!.SnapshotEntries} from the snapshot, {index.Recovery.LogRecords} log records, {index.Recovery.DroppedBytes} torn bytes cut)");
        }

        output.WriteLine($"{Kills} kills ({tornTails} left a torn record, {compactionsInterrupted} landed inside a compaction), {upserted.Count} acknowledged upserts and {deleted.Count} acknowledged deletes; {checkedAcks} acknowledgement checks over all reopens, 0 failed");
        Assert.True(upserted.Count >= Kills, "the child acknowledged too little for the test to mean anything");
    }

    /// <summary>
    /// Runs the writer until it has acknowledged <paramref name="killAfterAcks"/> writes, waits <paramref name="extraDelayMs"/>
    /// more and kills it. Its output is drained all along, so the child never waits on a full pipe and the kill lands
    /// wherever the child happens to be — mid-record, mid-fsync, mid-compaction.
    /// </summary>
    private static async Task<(List<(char Kind, int I)> Acks, int LastStarted, bool Interrupted)> RunChildUntilKilledAsync(string directory, int first, int killAfterAcks, int extraDelayMs)
    {
        var writer = Path.Combine(AppContext.BaseDirectory, "AgentFramework.VectorIndex.CrashWriter.dll");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(writer);
        info.ArgumentList.Add(directory);
        info.ArgumentList.Add("durable");
        info.ArgumentList.Add(first.ToString(CultureInfo.InvariantCulture));

        using var child = Process.Start(info)!;
        var stderr = child.StandardError.ReadToEndAsync();
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var acknowledged = 0;
        var reader = Task.Run(async () =>
        {
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                lines.Enqueue(line);
                if (line != "READY")
                {
                    Interlocked.Increment(ref acknowledged);
                }
            }
        });

        var deadline = Stopwatch.StartNew();
        try
        {
            while (Volatile.Read(ref acknowledged) < killAfterAcks)
            {
                if (reader.IsCompleted)
                {
                    throw new InvalidOperationException($"The crash writer exited early: {await stderr}");
                }

                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "the crash writer made no progress");
                Thread.Sleep(1);
            }

            Thread.Sleep(extraDelayMs);
        }
        finally
        {
            child.Kill(); // SIGKILL on Unix: no finalizers, no flush, no dispose.
            await child.WaitForExitAsync();
        }

        await reader;
        Assert.Equal("READY", lines.First());

        // A line the child printed is an acknowledgement: the write had returned, so in durable mode it is on disk.
        // (Lines this short reach the pipe whole.)
        var acks = lines.Skip(1).Select(line => (line[0], int.Parse(line.AsSpan(2), CultureInfo.InvariantCulture))).ToList();
        var lastStarted = acks.Count > 0 ? acks.Max(a => a.Item2) : first;

        // Killed inside a compaction: a snapshot being written, or two generations on disk at once.
        var interrupted = Directory.GetFiles(directory, "*.tmp").Length > 0 || Directory.GetFiles(directory, "*.log").Length > 1 || Directory.GetFiles(directory, "*.snap").Length > 1;

        // The child may have been inside the upsert of the step after its last printed one.
        return (acks, lastStarted + 1, interrupted);
    }
}
