using AgentFramework.Architecture.Tests.Fixtures;
using AgentFramework.Architecture.Tests.Rules;

namespace AgentFramework.Architecture.Tests;

/// <summary>Every logged message of every shipped package has an id in its package's range and a name.</summary>
public sealed class LoggingRuleTests
{
    [Fact]
    public void ShippedPackages_EveryLoggedMessage_HasAnIdInItsPackagesRange_AndAName()
    {
        var messages = ShippedPackages.Assemblies.SelectMany(LoggedMessage.In).ToList();

        var problems = EventIdRules.Check(EventIdTable.Committed, ShippedPackages.AssemblyNames, messages);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        // The reflection sees the messages at all (a rule over nothing would pass vacuously).
        Assert.True(messages.Count >= 50, $"only {messages.Count} [LoggerMessage] methods found");
        Assert.Contains(messages, m => m.Package == ShippedPackages.Caching && m.Method.EndsWith(".Bypassed", StringComparison.Ordinal));
    }

    [Fact]
    public void EventIdTable_ListsEveryShippedPackage_WithNonOverlappingRanges()
    {
        var table = EventIdTable.Committed;

        Assert.Equal(ShippedPackages.AssemblyNames.Order(StringComparer.Ordinal), table.Select(r => r.Package).Order(StringComparer.Ordinal));
        Assert.Empty(EventIdRules.Check(table, ShippedPackages.AssemblyNames, []));
    }

    [Fact]
    public void Check_MisnumberedMessages_ReportsMissingNameOutOfRangeIdAndSharedId()
    {
        var messages = LoggedMessage.In(typeof(MisnumberedLog).Assembly).ToList();
        var table = new[] { new EventIdRange("AgentFramework.Architecture.Tests", 1000, 1999) };

        var problems = EventIdRules.Check(table, [], messages);

        Assert.Contains(problems, p => p.Contains("Unnamed", StringComparison.Ordinal) && p.Contains("no EventName", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("SameId", StringComparison.Ordinal) && p.Contains("id outside", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("id 1 shared by", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_PackageWithoutRow_OrOverlappingRanges_IsReported()
    {
        var table = new[] { new EventIdRange("AgentFramework.A", 1000, 1999), new EventIdRange("AgentFramework.B", 1500, 2499), EventIdRange.None("AgentFramework.C") };
        var logsWhileListedSilent = new LoggedMessage("AgentFramework.C", "C.Log.Something", 3001, "Something");

        var problems = EventIdRules.Check(table, ["AgentFramework.A", "AgentFramework.D"], [logsWhileListedSilent]);

        Assert.Contains("AgentFramework.D has no row in the event-id table", problems);
        Assert.Contains(problems, p => p.StartsWith("ranges overlap", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("is listed as logging nothing", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ReadsRangesAndSilentPackages()
    {
        const string markdown = "| Package | Event ids |\n| --- | --- |\n| `AgentFramework` | 1000–1999 |\n| `AgentFramework.Abstractions` | — |\n";

        var table = EventIdTable.Parse(markdown);

        Assert.Equal([new EventIdRange("AgentFramework", 1000, 1999), EventIdRange.None("AgentFramework.Abstractions")], table);
    }
}
