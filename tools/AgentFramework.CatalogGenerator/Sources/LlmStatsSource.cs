using System.Globalization;

namespace AgentFramework.CatalogGenerator.Sources;

/// <summary>Reads the flattened llm-stats leaderboard (one row per model, benchmark and score).</summary>
internal static class LlmStatsSource
{
    /// <summary>The file name inside the data folder.</summary>
    public const string FileName = "llmstats_benchmarks_long.csv";

    /// <summary>llm-stats benchmark ids → the benchmark names the catalog uses. Others are ignored.</summary>
    private static readonly Dictionary<string, string> BenchmarkIds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gpqa"] = Benchmarks.Gpqa,
        ["mmlu"] = Benchmarks.Mmlu,
        ["mmlu-pro"] = Benchmarks.MmluPro,
        ["mmmlu"] = Benchmarks.Mmmlu,
        ["math"] = Benchmarks.Math,
        ["aime-2024"] = Benchmarks.Aime2024,
        ["humaneval"] = Benchmarks.HumanEval,
        ["livecodebench"] = Benchmarks.LiveCodeBench,
        ["swe-bench-verified"] = Benchmarks.SweBenchVerified,
        ["tau-bench-retail"] = Benchmarks.TauBenchRetail,
        ["bfcl"] = Benchmarks.Bfcl,
    };

    /// <summary>Scores of the benchmarks the mapping uses; the source date is the newest model release date.</summary>
    public static (IReadOnlyList<EvidenceRow> Rows, SourceInfo Info) Read(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        var table = CsvTable.Load(path);
        table.RequireColumns(FileName, "model_id", "model_name", "release_date", "benchmark_id", "score");
        var rows = new List<EvidenceRow>();
        var newest = string.Empty;
        foreach (var r in table.Rows)
        {
            var date = r["release_date"].Trim();
            if (EpochSource.IsIsoDate(date) && string.CompareOrdinal(date, newest) > 0)
            {
                newest = date;
            }

            if (!BenchmarkIds.TryGetValue(r["benchmark_id"].Trim(), out var benchmark) ||
                !double.TryParse(r["score"], NumberStyles.Float, CultureInfo.InvariantCulture, out var score) ||
                score < 0 || score > 1)
            {
                continue;
            }

            var display = r["model_name"].Trim();
            rows.Add(new EvidenceRow(SourceNames.LlmStats, benchmark, r["model_id"].Trim(), score, display.Length > 0 ? display : null));
        }

        var info = new SourceInfo(
            SourceNames.LlmStats,
            FileName,
            newest,
            "CC-BY-4.0",
            "llm-stats.com leaderboard data by Jonathan Chavez Tamales (github.com/JonathanChavezTamales/llm-leaderboard @ 24a9ccf), "
            + "licensed CC BY 4.0; modified: flattened to one row per score, filtered to the benchmarks above and mapped to levels");
        return (rows, info);
    }
}
