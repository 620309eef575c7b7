using System.Diagnostics;
using AgentFramework.VectorIndex.CrashWriter;
using Xunit.Abstractions;

namespace AgentFramework.VectorIndex.Tests.Persistence;

/// <summary>
/// Kills a writing child process with SIGKILL at random moments, then reopens its directory: the
/// open must succeed, nothing may be corrupt, and (durable mode) every acknowledged write must be there.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public Task Durable_SurvivesTwentyFourKills_WithEveryAcknowledgedWrite() =>
        RunAsync(VectorIndexDurability.Durable, rounds: 24, seed: 20261128, requireAcknowledged: true);

    [Fact]
    public Task Fast_SurvivesKills_WithoutCorruption() =>
        // A killed process loses nothing the OS already has, so fast mode keeps acknowledged writes too;
        // only a power cut could lose them. Checked, but the guarantee stated is the durable one.
        RunAsync(VectorIndexDurability.Fast, rounds: 8, seed: 7, requireAcknowledged: true);

    private async Task RunAsync(VectorIndexDurability durability, int rounds, int seed, bool requireAcknowledged)
    {
        using var directory = new TempDirectory();
        var random = new Random(seed);
        var upserted = new HashSet<int>();
        var deleted = new HashSet<int>();
        var next = 0;
        var highestStarted = -1;
        for (var round = 0; round < rounds; round++)
        {
            // Kill after a random number of acknowledgements plus a random sub-millisecond-to-few-ms delay,
            // so kills land mid-record, mid-fsync and mid-compaction, not only between writes.
            var killAfterAcks = random.Next(1, 120);
            var extraDelayMs = random.Next(0, 4);
            var (acks, lastStarted) = await RunChildUntilKilledAsync(directory.Path, durability, next, killAfterAcks, extraDelayMs);
            foreach (var (kind, i) in acks)
            {
                (kind == 'U' ? upserted : deleted).Add(i);
            }

            highestStarted = Math.Max(highestStarted, lastStarted);
            next = highestStarted + 1;

            // Reopen in this process: must not throw, and must hold what was acknowledged.
            var started = Stopwatch.GetTimestamp();
            await using var index = new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = CrashWorkload.Dimensions, Directory = directory.Path, Durability = durability });
            var openMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var missing = 0;
            var found = 0;
            for (var i = 0; i <= highestStarted; i++)
            {
                var top = await index.SearchAsync(CrashWorkload.Vector(i), CrashWorkload.Scope(i), 1);
                var present = top.Count == 1 && top[0].Id == CrashWorkload.Id(i);
                if (present)
                {
                    found++;

                    // No corruption: whatever is there is exactly what was written.
                    Assert.Equal(CrashWorkload.Payload(i), top[0].Payload);
                    Assert.InRange(top[0].Score, 0.9999f, 1.0001f);
                    Assert.Equal([$"step{i % 3}"], top[0].Tags);
                }

                // An acknowledged upsert must be present unless the workload's delete of it may have run
                // (its step was reached, acknowledged or not).
                if (deleted.Contains(i))
                {
                    Assert.False(present, $"e{i}: its delete was acknowledged, yet it is back after kill {round}.");
                }
                else if (upserted.Contains(i) && requireAcknowledged && !present && !(CrashWorkload.IsEverDeleted(i) && i + 5 <= highestStarted))
                {
                    missing++;
                }
            }

            Assert.True(missing == 0, $"{missing} acknowledged entries missing after kill {round}.");
            Assert.Equal(found, await index.CountAsync());
            output.WriteLine($"round {round}: killed after {acks.Count} acks (+{extraDelayMs} ms), reopened in {openMs:F1} ms with {found} entries, recovery: {index.Recovery!.SnapshotEntries} snapshot + {index.Recovery.LogRecords} log records, {index.Recovery.DroppedBytes} torn bytes dropped");
        }

        Assert.True(upserted.Count >= rounds, "the child acknowledged too little for the test to mean anything");
    }

    private static async Task<(List<(char Kind, int I)> Acks, int LastStarted)> RunChildUntilKilledAsync(string directory, VectorIndexDurability durability, int first, int killAfterAcks, int extraDelayMs)
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
        info.ArgumentList.Add(durability == VectorIndexDurability.Durable ? "durable" : "fast");
        info.ArgumentList.Add(first.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var child = Process.Start(info)!;
        var stderr = child.StandardError.ReadToEndAsync();
        var acks = new List<(char, int)>();
        var ready = false;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (acks.Count < killAfterAcks)
            {
                var line = await child.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    throw new InvalidOperationException($"The crash writer exited early: {await stderr}");
                }

                if (line == "READY")
                {
                    ready = true;
                    continue;
                }

                acks.Add((line[0], int.Parse(line.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture)));
            }

            if (extraDelayMs > 0)
            {
                await Task.Delay(extraDelayMs);
            }
        }
        finally
        {
            child.Kill(); // SIGKILL on Unix: no finalizers, no flush, no dispose.
            await child.WaitForExitAsync();
        }

        Assert.True(ready);

        // Acks printed between our last read and the kill are not held against the index, but the
        // entries they name may exist: the check above covers every index the child could have started.
        var rest = await child.StandardOutput.ReadToEndAsync();
        var lastStarted = acks.Count > 0 ? acks.Max(a => a.Item2) : first;
        foreach (var line in rest.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 2 && int.TryParse(line.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture, out var i))
            {
                lastStarted = Math.Max(lastStarted, i);
            }
        }

        // The child may have been inside the upsert of the step after its last printed one.
        return (acks, lastStarted + 1);
    }
}
