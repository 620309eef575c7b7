namespace AgentFramework.Architecture.Tests.Rules;

/// <summary>
/// The logging rule: every logged message has an id in its package's range and a non-empty name, no two messages
/// share an id (or, within a package, a name), and every package has a row in the table. Returns the problems rather than asserting, so
/// a test can also show that a broken input is caught.
/// </summary>
internal static class EventIdRules
{
    /// <summary>Every breach of the rule in <paramref name="messages"/> against <paramref name="table"/>.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<EventIdRange> table, IEnumerable<string> packages, IReadOnlyList<LoggedMessage> messages)
    {
        var problems = new List<string>();
        var byPackage = table.ToDictionary(r => r.Package, StringComparer.Ordinal);
        problems.AddRange(packages.Where(p => !byPackage.ContainsKey(p)).Select(p => $"{p} has no row in the event-id table"));
        problems.AddRange(
            from a in table
            from b in table
            where string.CompareOrdinal(a.Package, b.Package) < 0 && a.Overlaps(b)
            select $"ranges overlap: {a} and {b}");

        foreach (var message in messages)
        {
            if (!byPackage.TryGetValue(message.Package, out var range))
            {
                problems.Add($"{message}: its package {message.Package} has no row in the event-id table");
            }
            else if (!range.AllowsLogging)
            {
                problems.Add($"{message}: {message.Package} is listed as logging nothing");
            }
            else if (!range.Contains(message.EventId))
            {
                problems.Add($"{message}: id outside {range}");
            }

            if (string.IsNullOrWhiteSpace(message.EventName))
            {
                problems.Add($"{message}: no EventName");
            }
        }

        problems.AddRange(messages.GroupBy(m => m.EventId).Where(g => g.Count() > 1).Select(g => $"id {g.Key} shared by {string.Join(", ", g)}"));
        // Names are unique within a package (they are the method names, which log filters already match on).
        problems.AddRange(messages.Where(m => !string.IsNullOrWhiteSpace(m.EventName)).GroupBy(m => (m.Package, m.EventName))
            .Where(g => g.Count() > 1).Select(g => $"name '{g.Key.EventName}' shared in {g.Key.Package} by {string.Join(", ", g)}"));
        return problems;
    }
}
