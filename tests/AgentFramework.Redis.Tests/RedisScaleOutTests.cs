using System.Diagnostics;
using AgentFramework.Redis.Tests.Infrastructure;
using AgentFramework.Redis.TestWorker;

namespace AgentFramework.Redis.Tests;

/// <summary>
/// Several cache instances sharing one Redis, end to end through <c>SemanticCachingChatClient</c>: hits
/// written by one are served by another, invalidations travel, and Redis dying never reaches a caller.
/// </summary>
public sealed class RedisScaleOutTests
{
    private const string Tenant = "tenant-a";
    private const string Question = "What is the refund window for annual plans?";

    /// <summary>The options' documented 500 ms operation timeout, for the tests that measure what a dead or hung Redis costs.</summary>
    private static void DocumentedTimeout(RedisCacheBackplaneOptions options) => options.OperationTimeout = new RedisCacheBackplaneOptions().OperationTimeout;

    [RedisFact]
    public async Task AnAnswerCachedByOneInstance_IsServedByAnother_WithoutCallingTheModel()
    {
        var prefix = RedisTestServer.UniquePrefix(nameof(AnAnswerCachedByOneInstance_IsServedByAnother_WithoutCallingTheModel));
        await using var a = await CacheNode.StartAsync(RedisTestServer.Configuration, prefix, "node-a");
        await using var b = await CacheNode.StartAsync(RedisTestServer.Configuration, prefix, "node-b");

        // Start-up may retry a slow first subscribe on a loaded machine; serving must not fault.
        var faultsBefore = a.Backplane.FaultCount + b.Backplane.FaultCount;
        var fromA = await a.AskAsync(Tenant, Question);
        await L2.WaitForEntryAsync(RedisTestServer.Configuration, prefix, "node-a#1");
        var fromB = await b.AskAsync(Tenant, Question);

        Assert.Equal("node-a#1: " + Question, fromA);
        Assert.Equal(fromA, fromB);
        Assert.Equal(1, a.Model.Calls);
        Assert.Equal(0, b.Model.Calls);

        // Another tenant's identical question is not served across the scope.
        Assert.Equal("node-b#1: " + Question, await b.AskAsync("tenant-b", Question));
        Assert.Equal(faultsBefore, a.Backplane.FaultCount + b.Backplane.FaultCount);
    }

    [RedisFact]
    public async Task AnInvalidationInOneInstance_ClearsTheOthersLocalCopy()
    {
        var prefix = RedisTestServer.UniquePrefix(nameof(AnInvalidationInOneInstance_ClearsTheOthersLocalCopy));
        await using var a = await CacheNode.StartAsync(RedisTestServer.Configuration, prefix, "node-a");
        await using var b = await CacheNode.StartAsync(RedisTestServer.Configuration, prefix, "node-b");

        await a.AskAsync(Tenant, Question);
        await L2.WaitForEntryAsync(RedisTestServer.Configuration, prefix, "node-a#1");
        Assert.Equal("node-a#1: " + Question, await b.AskAsync(Tenant, Question)); // now in B's L1 too
        Assert.Equal(0, b.Model.Calls);

        await a.InvalidateTenantAsync(Tenant);

        // B's L1 copy would live for 5 minutes; the bus message must clear it.
        Assert.True(await Eventually.TrueAsync(async () => await b.AskAsync(Tenant, Question) == "node-b#1: " + Question));
        Assert.Equal(1, b.Model.Calls);
        await L2.WaitForEntryAsync(RedisTestServer.Configuration, prefix, "node-b#1");
        Assert.Equal("node-b#1: " + Question, await a.AskAsync(Tenant, Question)); // B's fresh answer went to the shared L2
        Assert.Equal(1, a.Model.Calls);
    }

    [RedisFact]
    public async Task TwoOperatingSystemProcesses_ShareHits_AndInvalidations()
    {
        var prefix = RedisTestServer.UniquePrefix(nameof(TwoOperatingSystemProcesses_ShareHits_AndInvalidations));
        await using var worker = await WorkerProcess.StartAsync(RedisTestServer.Configuration, prefix, "worker");
        await using var local = await CacheNode.StartAsync(RedisTestServer.Configuration, prefix, "local");

        // The worker process answers (model call in that process), this process is served from Redis.
        Assert.Equal("answer worker#1: " + Question, await worker.SendAsync($"ask {Tenant} {Question}"));
        await L2.WaitForEntryAsync(RedisTestServer.Configuration, prefix, "worker#1");
        Assert.Equal("worker#1: " + Question, await local.AskAsync(Tenant, Question));
        Assert.Equal(0, local.Model.Calls);

        // This process invalidates; the worker's L1 copy must go, so it asks its model again.
        Assert.Equal("calls 1", await worker.SendAsync("calls"));
        await local.InvalidateTenantAsync(Tenant);
        Assert.True(await Eventually.TrueAsync(async () => await worker.SendAsync($"ask {Tenant} {Question}") == "answer worker#2: " + Question));

        // And the other way round: the worker invalidates, this process's L1 copy goes.
        await L2.WaitForEntryAsync(RedisTestServer.Configuration, prefix, "worker#2");
        Assert.Equal("worker#2: " + Question, await local.AskAsync(Tenant, Question));
        Assert.Equal("ok", await worker.SendAsync($"invalidate {Tenant}"));
        Assert.True(await Eventually.TrueAsync(async () => await local.AskAsync(Tenant, Question) == "local#1: " + Question));
        Assert.Equal(1, local.Model.Calls);
    }

    [RedisServerBinaryFact]
    public async Task RedisKilledMidRun_NoCallerSeesAnException_FaultsAreCounted_AndSharingResumesWhenItReturns()
    {
        await using var server = await PrivateRedisServer.StartAsync();
        await using var a = await CacheNode.StartAsync(server.Configuration, "killed:", "node-a", DocumentedTimeout);
        await using var b = await CacheNode.StartAsync(server.Configuration, "killed:", "node-b", DocumentedTimeout);
        await a.AskAsync(Tenant, Question);
        await L2.WaitForEntryAsync(server.Configuration, "killed:", "node-a#1");
        Assert.Equal("node-a#1: " + Question, await b.AskAsync(Tenant, Question));

        // Concurrent traffic on both nodes while Redis is killed under it.
        using var stop = new CancellationTokenSource();
        var errors = new List<Exception>();
        var answered = 0;
        async Task TrafficAsync(CacheNode node, string name)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    var text = await node.AskAsync(Tenant, $"{name} question {i % 7}");
                    Assert.Contains($"question {i % 7}", text, StringComparison.Ordinal);
                    Interlocked.Increment(ref answered);
                }
                catch (Exception ex)
                {
                    lock (errors)
                    {
                        errors.Add(ex);
                    }
                }

                await Task.Delay(5);
            }
        }

        var traffic = new[] { TrafficAsync(a, "a"), TrafficAsync(b, "b"), TrafficAsync(a, "shared"), TrafficAsync(b, "shared") };
        await Task.Delay(300);
        await server.KillAsync();
        var answeredAtKill = Volatile.Read(ref answered);
        await Task.Delay(1500);

        // Still answering while Redis is gone: new questions go to the model, invalidation publishes are absorbed.
        var clock = Stopwatch.StartNew();
        var callsBefore = a.Model.Calls;
        Assert.Matches("^node-a#[0-9]+: brand new question$", await a.AskAsync(Tenant, "brand new question"));
        Assert.True(a.Model.Calls > callsBefore);
        clock.Stop();
        await b.InvalidateTenantAsync("some-tenant");
        Assert.True(Volatile.Read(ref answered) > answeredAtKill, "requests kept being answered after Redis died");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"a request took {clock.Elapsed} with Redis down");

        await stop.CancelAsync();
        await Task.WhenAll(traffic);
        Assert.Empty(errors);
        Assert.True(a.Backplane.FaultCount + b.Backplane.FaultCount > 0);
        Assert.Contains(a.Warnings.Concat(b.Warnings), w => w.Contains("Redis", StringComparison.Ordinal));

        // Redis returns (empty, like a restarted cache server): writes and reads flow again.
        await server.StartAgainAsync();
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(a.Backplane.IsConnected && b.Backplane.IsConnected), TimeSpan.FromSeconds(20)));
        Assert.True(await Eventually.TrueAsync(
            async () =>
            {
                var question = "after restart " + Guid.NewGuid().ToString("N");
                var fromA = await a.AskAsync(Tenant, question);
                if (!await L2.HasEntryAsync(server.Configuration, "killed:", question, TimeSpan.FromSeconds(2)))
                {
                    return false;
                }

                var fromB = await b.AskAsync(Tenant, question);
                return fromA == fromB;
            },
            TimeSpan.FromSeconds(20)));
        Assert.True(await Eventually.TrueAsync(() => b.Bus.EnsureSubscribedAsync(), TimeSpan.FromSeconds(20)));
    }

    [RedisFact]
    public async Task AHungRedis_CostsABoundedWait_NeverAnError_AndIsUsedAgainOnceItAnswers()
    {
        // Redis behind a proxy that can stop forwarding: every connection stays open, nothing comes back.
        await using var proxy = new FreezableTcpProxy(RedisTestServer.Port);
        var prefix = RedisTestServer.UniquePrefix(nameof(AHungRedis_CostsABoundedWait_NeverAnError_AndIsUsedAgainOnceItAnswers));
        await using var node = await CacheNode.StartAsync(proxy.Configuration, prefix, "node-a", DocumentedTimeout);
        await node.AskAsync(Tenant, Question);
        await L2.WaitForEntryAsync(RedisTestServer.Configuration, prefix, "node-a#1");

        proxy.Freeze();
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 4; i++)
        {
            var clock = Stopwatch.StartNew();
            Assert.Matches($"^node-a#[0-9]+: hung question {i}$", await node.AskAsync(Tenant, $"hung question {i}"));
            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
            await Task.Delay(300); // longer than the node's 200 ms fault cool-down, so every request tries Redis again
        }

        await node.InvalidateTenantAsync("other-tenant"); // the publish hangs too, and is absorbed

        // About the 500 ms operation timeout (the wrapper bounds each call; the client alone waited for its ~1 s
        // heartbeat); the bound leaves room for a loaded CI machine while still failing on a hang.
        Console.WriteLine($"hung Redis: slowest request {slowest.TotalMilliseconds:0} ms (operation timeout 500 ms)");
        Assert.True(slowest < TimeSpan.FromSeconds(10), $"slowest request took {slowest}");
        Assert.True(node.Backplane.FaultCount >= 2, $"faults: {node.Backplane.FaultCount}");
        Assert.Equal(5, node.Model.Calls);

        proxy.Thaw();
        var faultsBefore = node.Backplane.FaultCount;
        Assert.True(await Eventually.TrueAsync(
            async () =>
            {
                var question = "after thaw " + Guid.NewGuid().ToString("N");
                await node.AskAsync(Tenant, question);
                return await L2.HasEntryAsync(RedisTestServer.Configuration, prefix, question, TimeSpan.FromSeconds(2));
            },
            TimeSpan.FromSeconds(30)));
        Assert.True(node.Backplane.FaultCount >= faultsBefore);
    }

    /// <summary>The worker as a child OS process, driven over stdin/stdout.</summary>
    private sealed class WorkerProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private WorkerProcess(Process process) => _process = process;

        public static async Task<WorkerProcess> StartAsync(string redis, string prefix, string name)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "AgentFramework.Redis.TestWorker.dll");
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "exec", dll, redis, prefix, name })
            {
                info.ArgumentList.Add(arg);
            }

            var worker = new WorkerProcess(Process.Start(info)!);
            var ready = await worker.ReadLineAsync();
            if (ready != "ready")
            {
                var error = await worker._process.StandardError.ReadToEndAsync();
                throw new InvalidOperationException($"worker did not start: '{ready}' {error}");
            }

            return worker;
        }

        public async Task<string> SendAsync(string line)
        {
            await _process.StandardInput.WriteLineAsync(line);
            await _process.StandardInput.FlushAsync();
            return await ReadLineAsync() ?? throw new InvalidOperationException("worker exited");
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync("quit");
                await _process.StandardInput.FlushAsync();
                if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
                {
                    _process.Kill();
                }
            }

            _process.Dispose();
        }

        private async Task<string?> ReadLineAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            return await _process.StandardOutput.ReadLineAsync(timeout.Token);
        }
    }
}
