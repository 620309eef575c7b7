using AgentFramework.Redis.Tests.Infrastructure;

namespace AgentFramework.Probe.Tests;

/// <summary>Redis (the exact tier's L2) killed and restarted while traffic runs: every request answered, correctly.</summary>
public sealed class RedisOutageProbeTests
{
    [RedisServerBinaryFact]
    public async Task RedisKilledMidRun_AndRestarted_FailsNoRequest_AndServesNoWrongAnswer()
    {
        await using var redis = await PrivateRedisServer.StartAsync();
        using var directory = new TempDirectory();
        await using var host = ProbeHost.Start(directory.Path, redis.Configuration);
        string[] tenants = ["acme", "globex", "initech"];
        var wrong = 0;
        var failed = 0;
        var answered = 0;

        async Task Traffic(int seed, int count)
        {
            var rng = new Random(seed);
            for (var i = 0; i < count; i++)
            {
                var tenant = tenants[rng.Next(tenants.Length)];
                var group = ProbeTraffic.Groups[rng.Next(ProbeTraffic.Groups.Length)];
                var question = group[rng.Next(group.Length)];
                try
                {
                    var (servedTenant, servedQuestion) = EchoModel.Parse(await host.Agent.AnswerAsync(tenant, question));
                    Interlocked.Increment(ref answered);
                    if (servedTenant != tenant || ProbeTraffic.GroupOf.GetValueOrDefault(servedQuestion, -1) != ProbeTraffic.GroupOf[question])
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Traffic(10 + w, 150)));
        await redis.KillAsync();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Traffic(20 + w, 150)));
        await redis.StartAgainAsync();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Traffic(30 + w, 150)));

        Assert.Equal(0, failed);
        Assert.Equal(0, wrong);
        Assert.Equal(1_800, answered);
        Console.WriteLine($"probe: Redis killed and restarted mid-run, {answered} requests, 0 failed, 0 wrong, {host.Model.Calls} model calls");
    }
}
