using AgentFramework.Testing;
using SupportDesk.Workload;

namespace AgentFramework.Examples.Tests.SupportDesk.Workload;

public sealed class WorkloadGeneratorTests
{
    private static string DataFile(string name) => Path.Combine(TestPaths.RepoRoot, "examples", "SupportDesk", "data", name);

    [Theory]
    [InlineData("tickets.jsonl", 360, 2026)]
    [InlineData("tickets-small.jsonl", 40, 7)]
    public void CommittedWorkloads_AreExactlyWhatGeneratorWrites(string file, int count, int seed)
    {
        var temp = Path.Combine(Path.GetTempPath(), "supportdesk-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            WorkloadFile.Write(temp, WorkloadGenerator.Generate(count, seed));
            Assert.Equal(File.ReadAllText(DataFile(file)), File.ReadAllText(temp));
        }
        finally
        {
            File.Delete(temp);
        }
    }

    [Fact]
    public void FullWorkload_HasAtLeast300TicketsOfEveryKind()
    {
        var tickets = WorkloadFile.Read(DataFile("tickets.jsonl"));
        Assert.True(tickets.Count >= 300);
        foreach (var kind in Enum.GetValues<TicketKind>())
        {
            Assert.True(tickets.Count(t => t.Kind == kind) >= 15, $"too few {kind} tickets");
        }
    }

    [Fact]
    public void NearDuplicates_DifferFromTheirSourceInExactlyFactTheyVary()
    {
        var tickets = WorkloadGenerator.Generate(360, 2026);
        var byId = tickets.ToDictionary(t => t.Id);
        foreach (var t in tickets.Where(t => t.Kind == TicketKind.NearDuplicate))
        {
            var source = byId[t.Of!];
            Assert.Equal(source.Tenant, t.Tenant);
            Assert.NotEqual(source.Expected, t.Expected);
            Assert.NotEqual(source.Text, t.Text);

            // New to its shop: no earlier ticket there has the same facts, so no hit could be legitimate.
            Assert.DoesNotContain(tickets.TakeWhile(x => x.Id != t.Id), x => x.Tenant == t.Tenant && x.Expected == t.Expected);
        }
    }

    [Fact]
    public void OtherTenantTickets_RepeatTextShopNeverSaw()
    {
        var tickets = WorkloadGenerator.Generate(360, 2026);
        var byId = tickets.ToDictionary(t => t.Id);
        foreach (var t in tickets.Where(t => t.Kind == TicketKind.OtherTenant))
        {
            Assert.Equal(byId[t.Of!].Text, t.Text);
            Assert.NotEqual(byId[t.Of!].Tenant, t.Tenant);
            Assert.DoesNotContain(tickets.TakeWhile(x => x.Id != t.Id), x => x.Tenant == t.Tenant && x.Expected == t.Expected);
        }
    }

    [Fact]
    public void Generation_IsDeterministicAndDependsOnSeed()
    {
        Assert.Equal(WorkloadGenerator.Generate(60, 1), WorkloadGenerator.Generate(60, 1));
        Assert.NotEqual(WorkloadGenerator.Generate(60, 1).Select(t => t.Text), WorkloadGenerator.Generate(60, 2).Select(t => t.Text));
    }

    [Fact]
    public void ReadingMalformedWorkload_NamesLine()
    {
        var temp = Path.GetTempFileName();
        try
        {
            File.WriteAllText(temp, "{\"id\":\"T1\",\"tenant\":\"a\",\"locale\":\"en-US\",\"text\":\"hi\",\"kind\":\"Original\",\"expected\":{\"category\":\"x\",\"intent\":\"y\"}}\n{not json\n");
            var ex = Assert.Throws<FormatException>(() => WorkloadFile.Read(temp));
            Assert.Contains("(2)", ex.Message, StringComparison.Ordinal);
            Assert.Throws<FileNotFoundException>(() => WorkloadFile.Read(temp + ".missing"));
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
