using System.Globalization;

namespace AgentFramework.CatalogGenerator.Sources;

/// <summary>Reads Epoch AI's Capabilities Index and benchmark-run exports.</summary>
internal static class EpochSource
{
    /// <summary>The ECI file name inside the data folder.</summary>
    public const string IndexFile = "epoch_capabilities_index.csv";

    /// <summary>The benchmark-runs file name inside the data folder.</summary>
    public const string RunsFile = "epoch_benchmarks_runs.csv";

    /// <summary>Epoch task names → the benchmark names the catalog uses. Other tasks are ignored.</summary>
    private static readonly Dictionary<string, string> Tasks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GPQA diamond"] = Benchmarks.GpqaDiamond,
        ["MATH level 5"] = Benchmarks.MathLevel5,
        ["OTIS Mock AIME 2024-2025"] = Benchmarks.OtisMockAime,
        ["SWE-Bench verified"] = Benchmarks.SweBenchVerified,
    };

    /// <summary>ECI scores; the source date is the newest model release date in the file.</summary>
    public static (IReadOnlyList<EvidenceRow> Rows, SourceInfo Info) ReadIndex(string dataDir)
    {
        var path = Path.Combine(dataDir, IndexFile);
        var table = CsvTable.Load(path);
        table.RequireColumns(IndexFile, "Model version", "ECI Score", "Release date", "Model name");
        var rows = new List<EvidenceRow>();
        var newest = string.Empty;
        foreach (var r in table.Rows)
        {
            var date = r["Release date"].Trim();
            if (IsIsoDate(date) && string.CompareOrdinal(date, newest) > 0)
            {
                newest = date;
            }

            if (!double.TryParse(r["ECI Score"], NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
            {
                continue; // listed but not yet scored
            }

            var name = r["Model version"].Trim();
            var display = r["Model name"].Trim();
            rows.Add(new EvidenceRow(SourceNames.EpochEci, Benchmarks.Eci, name, score, display.Length > 0 ? display : null));
        }

        var info = new SourceInfo(
            SourceNames.EpochEci,
            IndexFile,
            newest,
            "MIT",
            "Epoch AI, Epoch Capabilities Index (github.com/epoch-research/benchmark-stitching @ 07356c2)");
        return (rows, info);
    }

    /// <summary>Successful runs of the tasks the mapping uses; the source date is the newest run date.</summary>
    public static (IReadOnlyList<EvidenceRow> Rows, SourceInfo Info) ReadRuns(string dataDir)
    {
        var path = Path.Combine(dataDir, RunsFile);
        var table = CsvTable.Load(path);
        table.RequireColumns(RunsFile, "task", "model", "Best score (across scorers)", "started_at", "Status");
        var rows = new List<EvidenceRow>();
        var newest = string.Empty;
        foreach (var r in table.Rows)
        {
            var date = ParseRunDate(r["started_at"]);
            if (date != null && string.CompareOrdinal(date, newest) > 0)
            {
                newest = date;
            }

            if (!string.Equals(r["Status"].Trim(), "Success", StringComparison.OrdinalIgnoreCase) ||
                !Tasks.TryGetValue(r["task"].Trim(), out var benchmark) ||
                !double.TryParse(r["Best score (across scorers)"], NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
            {
                continue;
            }

            rows.Add(new EvidenceRow(SourceNames.EpochRuns, benchmark, r["model"].Trim(), score, null));
        }

        var info = new SourceInfo(
            SourceNames.EpochRuns,
            RunsFile,
            newest,
            "MIT",
            "Epoch AI, Benchmarking Hub runs (github.com/epoch-research/benchmark-stitching @ f87d3cc)");
        return (rows, info);
    }

    /// <summary>"17 November 2025 4:28pm" → "2025-11-17"; <c>null</c> when unreadable.</summary>
    internal static string? ParseRunDate(string text)
    {
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3)
        {
            return null;
        }

        return DateTime.TryParseExact(string.Join(' ', parts.Take(3)), "d MMMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
    }

    internal static bool IsIsoDate(string text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
