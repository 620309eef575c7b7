using System.Text.Json;
using AgentFramework.Examples.Tests.SupportDesk.Job;
using Microsoft.Extensions.Configuration;
using Spectre.Console;
using SupportDesk.Job;
using SupportDesk.Reporting;

namespace AgentFramework.Examples.Tests.SupportDesk.Reporting;

public sealed class SupportDeskAppTests(SmallWorkloadRun run) : IClassFixture<SmallWorkloadRun>
{
    private static IAnsiConsole TestConsole(StringWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
        console.Profile.Width = 250;
        return console;
    }

    [Fact]
    public void JsonReport_CarriesLedgerFigures()
    {
        using var json = JsonDocument.Parse(JsonReport.Serialize(run.Result));
        var root = json.RootElement;
        var total = root.GetProperty("total");
        Assert.Equal(run.Ledger.Total.Calls, total.GetProperty("calls").GetInt64());
        Assert.Equal(run.Ledger.Total.CostUsd, total.GetProperty("costUsd").GetDouble(), 12);
        Assert.Equal(run.Ledger.Total.NaiveCostUsd, total.GetProperty("naiveCostUsd").GetDouble(), 12);
        var steps = root.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("step").GetString()!);
        foreach (var line in run.Ledger.Steps)
        {
            var s = steps[line.StepId];
            Assert.Equal(line.Calls, s.GetProperty("calls").GetInt64());
            Assert.Equal(line.ExactHits, s.GetProperty("exactHits").GetInt64());
            Assert.Equal(line.SemanticHits, s.GetProperty("semanticHits").GetInt64());
            Assert.Equal(line.Vetoes, s.GetProperty("vetoes").GetInt64());
            Assert.Equal(line.InputTokens, s.GetProperty("inputTokens").GetInt64());
            Assert.Equal(line.CostUsd, s.GetProperty("costUsd").GetDouble(), 12);
        }

        Assert.True(root.GetProperty("succeeded").GetBoolean());
    }

    [Fact]
    public void HtmlReport_IsSelfContainedWithThreeCharts()
    {
        var html = HtmlReport.Render(run.Result);
        Assert.Equal(3, html.Split("<svg ").Length - 1);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("summarize", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_WritesBothReportsAndExitsZero()
    {
        var dir = Path.Combine(Path.GetTempPath(), "supportdesk-test-" + Guid.NewGuid().ToString("N"));
        var output = new StringWriter();
        var console = TestConsole(output);
        try
        {
            var (result, exitCode) = await SupportDeskApp.RunAsync(new RunRequest(SupportDeskApp.SmallWorkload, dir, LatencyScale: 0), new ConfigurationBuilder().Build(), console);
            Assert.Equal(0, exitCode);
            Assert.True(File.Exists(Path.Combine(dir, JsonReport.FileName)));
            Assert.True(File.Exists(Path.Combine(dir, HtmlReport.FileName)));
            Assert.Contains("OFFLINE STAND-IN", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("PASS ledger totals", output.ToString(), StringComparison.Ordinal);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, JsonReport.FileName)));
            Assert.Equal(result!.Total.CostUsd, json.RootElement.GetProperty("total").GetProperty("costUsd").GetDouble(), 12);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public async Task MissingWorkload_ExitsWithClearMessage()
    {
        var output = new StringWriter();
        var console = TestConsole(output);
        var (result, exitCode) = await SupportDeskApp.RunAsync(new RunRequest("/nonexistent/tickets.jsonl", Path.GetTempPath()), new ConfigurationBuilder().Build(), console);
        Assert.Null(result);
        Assert.Equal(2, exitCode);
        Assert.Contains("does not exist", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PinnedModelWithoutEndpoint_StopsBeforeFirstTicket()
    {
        // Only gpt-4.1-mini is configured; the summarize step is pinned to claude-opus-4-1. Nothing is called.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
        [
            new KeyValuePair<string, string?>("AgentFramework:Models:gpt-4.1-mini:Provider", "Compatible"),
            new KeyValuePair<string, string?>("AgentFramework:Models:gpt-4.1-mini:Endpoint", "http://127.0.0.1:9/v1/"),
        ]).Build();
        var output = new StringWriter();
        var (result, exitCode) = await SupportDeskApp.RunAsync(new RunRequest(SupportDeskApp.SmallWorkload, Path.GetTempPath()), configuration, TestConsole(output));
        Assert.Null(result);
        Assert.Equal(2, exitCode);
        Assert.Contains("Step 'summarize' cannot run", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("claude-opus-4-1", output.ToString(), StringComparison.Ordinal);
    }
}
