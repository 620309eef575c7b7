namespace ExampleDesks;

/// <summary>Prints, for one ticket, which steps the cache answered and why the orchestrator's turns went upstream.</summary>
public static class TicketReport
{
    /// <summary>Writes the "steps:" and "orchestrator:" lines of a ticket from the calls noted while it ran.</summary>
    public static void Write(TextWriter output, IReadOnlyList<CacheOutcomeLog.Entry> calls, string orchestratorStepId)
    {
        var steps = calls.Where(c => c.StepId != orchestratorStepId).ToList();
        if (steps.Count > 0)
        {
            var cached = steps.Count(c => c.IsHit);
            output.WriteLine($"    steps ({cached} of {steps.Count} from the cache): {string.Join("; ", steps.Select(c => $"{Short(c.StepId)} {c.Describe()}"))}");
        }

        var turns = calls.Where(c => c.StepId == orchestratorStepId).ToList();
        if (turns.Count == 0)
        {
            return;
        }

        // Why the tool-calling turns are not served from the cache, from the outcomes and reasons the cache wrote on them.
        // An answer that is a tool call goes upstream and is never stored (the cache may write no outcome on it).
        static bool ToolCallMiss(CacheOutcomeLog.Entry t) => t.Outcome is null or "miss" && t.AnsweredWithToolCall;
        var reasons = new List<string>();
        var toolCallMisses = turns.Count(ToolCallMiss);
        if (toolCallMisses > 0)
        {
            reasons.Add($"{toolCallMisses} answered with a tool call (never stored)");
        }

        foreach (var group in turns.Where(t => !ToolCallMiss(t)).GroupBy(t => (t.Outcome, t.Reason)))
        {
            var first = group.First();
            reasons.Add(first.Reason == "last-message-not-user"
                ? $"{group.Count()} bypass (last-message-not-user: they end with tool results)"
                : $"{group.Count()} {first.Describe()}");
        }

        var hits = turns.Count(t => t.IsHit);
        output.WriteLine($"    orchestrator {orchestratorStepId} ({hits} of {turns.Count} turns from the cache): {string.Join("; ", reasons)}");
    }

    private static string Short(string stepId) => stepId[(stepId.LastIndexOf('.') + 1)..];
}
