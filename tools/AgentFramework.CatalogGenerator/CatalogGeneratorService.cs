using AgentFramework.CatalogGenerator.Output;
using AgentFramework.CatalogGenerator.Sources;

namespace AgentFramework.CatalogGenerator;

/// <summary>Reads the data folder and renders the catalog text. Pure: same folder, same bytes.</summary>
internal static class CatalogGeneratorService
{
    /// <summary>The files the generator needs inside the data folder.</summary>
    public static IReadOnlyList<string> RequiredFiles { get; } =
        [LiteLlmSource.FileName, EpochSource.IndexFile, EpochSource.RunsFile, LlmStatsSource.FileName];

    /// <summary>Generates the catalog JSON from <paramref name="dataDir"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder or one of its files is missing.</exception>
    public static string Generate(string dataDir)
    {
        if (!Directory.Exists(dataDir))
        {
            throw new DirectoryNotFoundException($"Model data folder '{dataDir}' does not exist. Pass --data <dir> (the folder holding {string.Join(", ", RequiredFiles)}).");
        }

        var missing = RequiredFiles.Where(f => !File.Exists(Path.Combine(dataDir, f))).ToList();
        if (missing.Count > 0)
        {
            throw new DirectoryNotFoundException($"Model data folder '{dataDir}' lacks {string.Join(", ", missing)}.");
        }

        var (entries, litellm) = LiteLlmSource.Read(dataDir);
        var (eci, eciInfo) = EpochSource.ReadIndex(dataDir);
        var (runs, runsInfo) = EpochSource.ReadRuns(dataDir);
        var (stats, statsInfo) = LlmStatsSource.Read(dataDir);
        var evidence = eci.Concat(runs).Concat(stats).ToList();

        var models = CatalogBuilder.Build(entries, evidence, litellm.Date);
        var sources = new[] { litellm, eciInfo, runsInfo, statsInfo };
        var generated = sources.Select(s => s.Date).Where(d => d.Length > 0).Max(StringComparer.Ordinal) ?? litellm.Date;
        return CatalogWriter.Write(generated, sources, models);
    }
}
