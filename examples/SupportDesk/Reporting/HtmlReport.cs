using System.Globalization;
using System.Net;
using System.Text;
using SupportDesk.Job;

namespace SupportDesk.Reporting;

/// <summary>
/// Writes a self-contained HTML report (inline SVG charts, no scripts, no CDN): cost per step
/// against the all-frontier baseline, cumulative spend over the run, and the cache hit rate over the run.
/// </summary>
public static class HtmlReport
{
    /// <summary>The report's file name inside the output folder.</summary>
    public const string FileName = "supportdesk-report.html";

    private const string Actual = "#2e7d32";
    private const string Naive = "#c62828";
    private const string Rolling = "#1565c0";

    /// <summary>Writes the report into <paramref name="directory"/> and returns its path.</summary>
    public static string Write(JobResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, Render(result));
        return path;
    }

    /// <summary>Renders the report.</summary>
    public static string Render(JobResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>SupportDesk run</title><style>")
         .Append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:1100px}table{border-collapse:collapse;margin:1rem 0}")
         .Append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right;font-size:13px}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}")
         .Append(".ok{color:#2e7d32}.bad{color:#c62828;font-weight:bold}.big{font-size:1.4rem}svg{background:#fafafa;border:1px solid #eee;margin:.5rem 0}")
         .Append("</style></head><body>\n");
        h.Append("<h1>SupportDesk run</h1>\n");
        h.Append(I($"<p class=\"big\">{r.Tickets} tickets &middot; spent <b>{Usd(r.Total.CostUsd)}</b> vs <b>{Usd(r.Total.NaiveCostUsd)}</b> all-{E(r.BaselineModel)} without cache &middot; <b>{r.SavingsRatio:P1}</b> saved &middot; {(r.Succeeded ? "<span class=ok>all checks passed</span>" : "<span class=bad>CHECKS FAILED</span>")}</p>\n"));
        h.Append(I($"<p>Mode: {E(r.Mode)}. Workload: {E(r.Workload)}. Cache: {(r.CacheEnabled ? "on" : "off")}. Wall time {r.ElapsedSeconds:0.0} s")).Append(r.SimulatedModelSeconds > 0 ? I($" (simulated model time {r.SimulatedModelSeconds:0} s)") : string.Empty).Append(".</p>\n");

        h.Append("<h2>Cost per step</h2>\n").Append(CostPerStep(r)).Append('\n');
        h.Append("<h2>Cumulative spend over the run</h2>\n").Append(SpendOverRun(r)).Append('\n');
        h.Append("<h2>Cache hit rate over the run</h2>\n").Append(HitRateOverRun(r)).Append('\n');

        h.Append("<h2>Steps</h2>\n<table><tr><th>Step</th><th>Needs</th><th>Model</th><th>Naive model</th><th>Runs</th><th>Calls</th><th>Exact hits</th><th>Semantic hits</th><th>Vetoed</th><th>Tokens in</th><th>Tokens out</th><th>Spent</th><th>Naive</th><th>Saved</th><th>Lookup p50 / p95</th></tr>\n");
        foreach (var s in r.Steps.Append(r.Total))
        {
            h.Append(I($"<tr><td>{E(s.Step)}</td><td>{E(s.Needs)}</td><td>{E(s.Model)} {(s.Reason == "Bound" ? "(pinned)" : string.Empty)}</td><td>{E(s.NaiveModel)}</td><td>{s.Invocations}</td><td>{s.Calls}</td><td>{s.ExactHits}</td><td>{s.SemanticHits}</td><td>{s.Vetoes}</td><td>{s.InputTokens:N0}</td><td>{s.OutputTokens:N0}</td><td>{Usd(s.CostUsd)}</td><td>{Usd(s.NaiveCostUsd)}</td><td>{Saved(s)}</td><td>{Ms(s.LookupP50Ms)} / {Ms(s.LookupP95Ms)}</td></tr>\n"));
        }

        h.Append("</table>\n<h2>Tickets by kind</h2>\n<table><tr><th>Kind</th><th>Tickets</th><th>With a step served from cache</th><th>Step answers from cache</th></tr>\n");
        foreach (var k in r.Kinds)
        {
            h.Append(I($"<tr><td>{E(k.Kind)}</td><td>{k.Tickets}</td><td>{k.WithAnyHit}</td><td>{k.StepHits}</td></tr>\n"));
        }

        h.Append("</table>\n<h2>Checks</h2>\n<ul>\n");
        foreach (var c in r.Checks)
        {
            h.Append(I($"<li class=\"{(c.Passed ? "ok" : "bad")}\">{(c.Passed ? "&#10003;" : "&#10007;")} {E(c.Name)}: {E(c.Detail)}</li>\n"));
        }

        h.Append("</ul>\n");
        if (r.Errors.Count > 0)
        {
            h.Append("<h2>Errors</h2>\n<ul>\n");
            foreach (var e in r.Errors.Take(50))
            {
                h.Append("<li>").Append(E(e)).Append("</li>\n");
            }

            h.Append("</ul>\n");
        }

        h.Append("<p>Models the router could use: ").Append(E(string.Join(", ", r.RegisteredModels))).Append(".</p>\n");
        h.Append("</body></html>\n");
        return h.ToString();
    }

    private static string CostPerStep(JobResult r)
    {
        const int width = 900, rowHeight = 46, left = 150, right = 110;
        var height = (r.Steps.Count * rowHeight) + 40;
        var max = Math.Max(1e-12, r.Steps.Max(s => Math.Max(s.NaiveCostUsd, s.CostUsd)));
        var plot = width - left - right;
        var svg = new StringBuilder();
        svg.Append(I($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"Cost per step\">"));
        for (var i = 0; i < r.Steps.Count; i++)
        {
            var s = r.Steps[i];
            var y = 10 + (i * rowHeight);
            var naiveW = s.NaiveCostUsd / max * plot;
            var actualW = s.CostUsd / max * plot;
            svg.Append(I($"<text x=\"{left - 8}\" y=\"{y + 24}\" text-anchor=\"end\" font-size=\"13\">{E(s.Step)}</text>"));
            svg.Append(I($"<rect x=\"{left}\" y=\"{y}\" width=\"{naiveW:0.##}\" height=\"16\" fill=\"{Naive}\"><title>naive {Usd(s.NaiveCostUsd)}</title></rect>"));
            svg.Append(I($"<text x=\"{left + naiveW + 6:0.##}\" y=\"{y + 13}\" font-size=\"12\">{Usd(s.NaiveCostUsd)}</text>"));
            svg.Append(I($"<rect x=\"{left}\" y=\"{y + 20}\" width=\"{Math.Max(1, actualW):0.##}\" height=\"16\" fill=\"{Actual}\"><title>spent {Usd(s.CostUsd)}</title></rect>"));
            svg.Append(I($"<text x=\"{left + Math.Max(1, actualW) + 6:0.##}\" y=\"{y + 33}\" font-size=\"12\">{Usd(s.CostUsd)} ({E(s.Model)})</text>"));
        }

        svg.Append(Legend(left, height - 12, ("all-" + r.BaselineModel + ", no cache", Naive), ("AgentFramework (router + cache)", Actual)));
        return svg.Append("</svg>").ToString();
    }

    private static string SpendOverRun(JobResult r)
    {
        var t = r.Timeline;
        var max = Math.Max(1e-12, t.Max(p => Math.Max(p.NaiveCostUsd, p.CostUsd)));
        return LineChart(
            "Cumulative spend",
            t.Count - 1,
            max,
            v => Usd(v),
            ("all-" + r.BaselineModel + ", no cache", Naive, t.Select(p => (double)p.Tickets).Zip(t.Select(p => p.NaiveCostUsd)).ToList()),
            ("AgentFramework", Actual, t.Select(p => (double)p.Tickets).Zip(t.Select(p => p.CostUsd)).ToList()));
    }

    private static string HitRateOverRun(JobResult r)
    {
        var t = r.Timeline;
        const int window = 25;
        var cumulative = new List<(double, double)>();
        var rolling = new List<(double, double)>();
        for (var i = 1; i < t.Count; i++)
        {
            cumulative.Add((t[i].Tickets, t[i].Lookups == 0 ? 0 : (double)t[i].Hits / t[i].Lookups));
            var from = t[Math.Max(0, i - window)];
            var lookups = t[i].Lookups - from.Lookups;
            rolling.Add((t[i].Tickets, lookups == 0 ? 0 : (double)(t[i].Hits - from.Hits) / lookups));
        }

        return LineChart(
            "Hit rate",
            t.Count - 1,
            1,
            v => v.ToString("P0", CultureInfo.InvariantCulture),
            ("cumulative hit rate", Actual, cumulative),
            ($"last {window} tickets", Rolling, rolling));
    }

    private static string LineChart(string label, int maxX, double maxY, Func<double, string> formatY, params (string Name, string Color, List<(double X, double Y)> Points)[] series)
    {
        const int width = 900, height = 300, left = 80, right = 20, top = 20, bottom = 50;
        var plotW = width - left - right;
        var plotH = height - top - bottom;
        double X(double x) => left + (maxX == 0 ? 0 : x / maxX * plotW);
        double Y(double y) => top + plotH - (y / maxY * plotH);
        var svg = new StringBuilder();
        svg.Append(I($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{E(label)}\">"));
        for (var g = 0; g <= 4; g++)
        {
            var v = maxY * g / 4;
            svg.Append(I($"<line x1=\"{left}\" x2=\"{left + plotW}\" y1=\"{Y(v):0.#}\" y2=\"{Y(v):0.#}\" stroke=\"#ddd\"/>"));
            svg.Append(I($"<text x=\"{left - 6}\" y=\"{Y(v) + 4:0.#}\" text-anchor=\"end\" font-size=\"11\">{E(formatY(v))}</text>"));
        }

        for (var g = 0; g <= 4; g++)
        {
            var x = maxX * g / 4;
            svg.Append(I($"<text x=\"{X(x):0.#}\" y=\"{top + plotH + 14}\" text-anchor=\"middle\" font-size=\"11\">{x}</text>"));
        }

        svg.Append(I($"<text x=\"{left + (plotW / 2)}\" y=\"{height - 22}\" text-anchor=\"middle\" font-size=\"12\">tickets processed (of {maxX})</text>"));
        foreach (var (_, color, points) in series)
        {
            var path = string.Join(' ', points.Select(p => I($"{X(p.X):0.#},{Y(p.Y):0.#}")));
            svg.Append(I($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{path}\"/>"));
        }

        svg.Append(Legend(left, height - 6, series.Select(s => (s.Name, s.Color)).ToArray()));
        return svg.Append("</svg>").ToString();
    }

    private static string Legend(int x, int y, params (string Name, string Color)[] items)
    {
        var sb = new StringBuilder();
        foreach (var (name, color) in items)
        {
            sb.Append(I($"<rect x=\"{x}\" y=\"{y - 10}\" width=\"12\" height=\"12\" fill=\"{color}\"/><text x=\"{x + 16}\" y=\"{y}\" font-size=\"12\">{E(name)}</text>"));
            x += 24 + (name.Length * 7);
        }

        return sb.ToString();
    }

    internal static string Usd(double v) => v >= 1 ? v.ToString("$#,0.00", CultureInfo.InvariantCulture) : v.ToString("$0.0000", CultureInfo.InvariantCulture);

    internal static string Saved(StepFigures s) => s.NaiveCostUsd > 0 ? (1 - (s.CostUsd / s.NaiveCostUsd)).ToString("P1", CultureInfo.InvariantCulture) : "-";

    internal static string Ms(double? ms) => ms is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "-";

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? string.Empty);

    private static string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
