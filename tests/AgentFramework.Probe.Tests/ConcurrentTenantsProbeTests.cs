namespace AgentFramework.Probe.Tests;

/// <summary>Randomized concurrent traffic over several tenants through the whole stack: never a cross-scope or wrong answer.</summary>
public sealed class ConcurrentTenantsProbeTests
{
    [Fact]
    public async Task FiveThousandConcurrentRequests_OverSixTenants_ServeNoOtherTenantsOrOtherQuestionsAnswer()
    {
        using var directory = new TempDirectory();
        await using var host = ProbeHost.Start(directory.Path);
        string[] tenants = ["acme", "globex", "initech", "umbrella", "acme|eve", "acme\u00A0"];
        const int Workers = 8;
        const int PerWorker = 650;
        var wrong = 0;
        var answered = 0;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var rng = new Random(1600 + w);
            for (var i = 0; i < PerWorker; i++)
            {
                var tenant = tenants[rng.Next(tenants.Length)];
                var group = ProbeTraffic.Groups[rng.Next(ProbeTraffic.Groups.Length)];
                var question = group[rng.Next(group.Length)];
                var (servedTenant, servedQuestion) = EchoModel.Parse(await host.Agent.AnswerAsync(tenant, question));
                Interlocked.Increment(ref answered);
                if (servedTenant != tenant || ProbeTraffic.GroupOf.GetValueOrDefault(servedQuestion, -1) != ProbeTraffic.GroupOf[question])
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        })));

        Assert.Equal(Workers * PerWorker, answered);
        Assert.Equal(0, wrong);

        // The cache did its job too: far fewer model calls than requests, at least one per (tenant, group).
        Assert.InRange(host.Model.Calls, tenants.Length * ProbeTraffic.Groups.Length, answered / 5);
        Console.WriteLine($"probe: {answered} concurrent requests over {tenants.Length} tenants, {host.Model.Calls} model calls, 0 wrong or cross-tenant answers");
    }
}
