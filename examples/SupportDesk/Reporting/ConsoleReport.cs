using System.Globalization;
using Spectre.Console;
using SupportDesk.Job;

namespace SupportDesk.Reporting;

/// <summary>Prints the run's figures to the console.</summary>
public static class ConsoleReport
{
    /// <summary>Writes the step table, tickets by kind and the checks.</summary>
    public static void Write(IAnsiConsole console, JobResult r)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(r);
        var steps = new Table().Border(TableBorder.Rounded).Title(I($"[bold]SupportDesk: {r.Tickets} tickets, {Markup.Escape(r.Mode)}, cache {(r.CacheEnabled ? "on" : "off")}[/]"));
        steps.AddColumn(new TableColumn("Step").NoWrap());
        steps.AddColumn(new TableColumn("Model").NoWrap());
        steps.AddColumn(new TableColumn("Naive model").NoWrap());
        foreach (var c in new[] { "Runs", "Calls", "Exact hits", "Semantic hits", "Vetoed", "Tokens in/out", "Spent", "Naive", "Saved", "Lookup ms p50/p95" })
        {
            steps.AddColumn(new TableColumn(c).RightAligned());
        }

        foreach (var s in r.Steps)
        {
            steps.AddRow(
                Markup.Escape(s.Step),
                Markup.Escape(s.Model + (s.Reason == "Bound" ? " (pinned)" : string.Empty)),
                Markup.Escape(s.NaiveModel),
                N(s.Invocations),
                N(s.Calls),
                N(s.ExactHits),
                N(s.SemanticHits),
                N(s.Vetoes),
                I($"{s.InputTokens:N0}/{s.OutputTokens:N0}"),
                HtmlReport.Usd(s.CostUsd),
                HtmlReport.Usd(s.NaiveCostUsd),
                HtmlReport.Saved(s),
                s.LookupP50Ms is null ? "-" : I($"{s.LookupP50Ms:0.0}/{s.LookupP95Ms:0.0}"));
        }

        var t = r.Total;
        steps.AddRow(
            "[bold]total[/]",
            string.Empty,
            Markup.Escape(r.BaselineModel),
            N(t.Invocations),
            N(t.Calls),
            N(t.ExactHits),
            N(t.SemanticHits),
            N(t.Vetoes),
            I($"{t.InputTokens:N0}/{t.OutputTokens:N0}"),
            "[bold]" + HtmlReport.Usd(t.CostUsd) + "[/]",
            HtmlReport.Usd(t.NaiveCostUsd),
            "[bold]" + HtmlReport.Saved(t) + "[/]",
            string.Empty);
        console.Write(steps);

        var kinds = new Table().Border(TableBorder.Simple).AddColumn("Ticket kind").AddColumn(new TableColumn("Tickets").RightAligned())
            .AddColumn(new TableColumn("Served from cache (any step)").RightAligned()).AddColumn(new TableColumn("Step answers from cache").RightAligned());
        foreach (var k in r.Kinds)
        {
            kinds.AddRow(k.Kind, N(k.Tickets), N(k.WithAnyHit), N(k.StepHits));
        }

        console.Write(kinds);
        foreach (var c in r.Checks)
        {
            console.MarkupLine(I($"{(c.Passed ? "[green]PASS[/]" : "[red]FAIL[/]")} {Markup.Escape(c.Name)}: {Markup.Escape(c.Detail)}"));
        }

        foreach (var e in r.Errors.Take(10))
        {
            console.MarkupLine("[red]ERROR[/] " + Markup.Escape(e));
        }

        console.MarkupLine(I($"Spent [bold]{HtmlReport.Usd(t.CostUsd)}[/] where all-{Markup.Escape(r.BaselineModel)} without a cache would have spent [bold]{HtmlReport.Usd(t.NaiveCostUsd)}[/]: [bold]{r.SavingsRatio:P1}[/] saved. Cache hits saved {HtmlReport.Usd(t.SavedByCacheUsd)} and {t.TokensSavedByCache:N0} tokens."));
        console.MarkupLine(I($"Wall time {r.ElapsedSeconds:0.0} s") + (r.SimulatedModelSeconds > 0 ? I($" (the stand-in simulated {r.SimulatedModelSeconds:0} s of model time)") : string.Empty) + ".");
    }

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
