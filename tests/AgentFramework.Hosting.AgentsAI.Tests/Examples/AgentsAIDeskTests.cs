using AgentFramework.Testing;

namespace AgentFramework.Hosting.AgentsAI.Tests.Examples;

public sealed class AgentsAIDeskTests
{
    [Fact]
    public async Task Example_RunsOfflineExplainsItsCacheOutcomesAndItsOwnConsistencyChecksPass()
    {
        // The example exits non-zero when a ticket fails, a step is served by a model other than the one the router
        // chose, the ledger disagrees with the calls the models received, the repeat sends a step upstream, an
        // orchestrator turn is served from the cache, or a near-duplicate or another tenant's answer is served.
        var entryPoint = typeof(AgentsAIDesk.SupportAgent).Assembly.EntryPoint!;
        var output = new StringWriter();
        var error = new StringWriter();
        var (stdout, stderr) = (Console.Out, Console.Error);
        int exitCode;
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            // The compiler's entry point blocks on the async top-level program; run it off the test thread.
            exitCode = await Task.Run(() => (int)entryPoint.Invoke(null, [Array.Empty<string>()])!);
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }

        Assert.True(exitCode == 0, $"exit code {exitCode}: {error}\n{output}");
        var text = output.ToString();
        Assert.Contains("OFFLINE", text, StringComparison.Ordinal);
        Assert.Contains("steps (3 of 3 from the cache): Classify exact hit; ExtractOrder exact hit; DraftReply exact hit", text, StringComparison.Ordinal);
        Assert.Contains("orchestrator Desk.Handle (0 of 5 turns from the cache): 1 answered with a tool call (never stored); 4 bypass (last-message-not-user: they end with tool results)", text, StringComparison.Ordinal);
        Assert.Contains("Ledger totals:", text, StringComparison.Ordinal);

        // The README's "a real run" block is this run: every ticket's cache outcomes, the ledger, the totals.
        var (readme, run) = ReadmeRunBlock.Lines(Path.Combine(TestPaths.RepoRoot, "examples", "AgentsAIDesk", "README.md"), "AgentsAIDesk — OFFLINE", text);
        Assert.Equal(readme, run);
    }
}
