using AgentFramework.CatalogGenerator.Sources;

namespace AgentFramework.CatalogGenerator.Tests.Sources;

public sealed class LlmStatsSourceTests
{
    private const string Csv =
        "model_id,model_name,organization_id,release_date,benchmark_id,benchmark_name,score,normalized_score\n" +
        "gpt-x-2025-04-14,GPT-X,openai,2025-04-14,gpqa,GPQA,0.663,0.663\n" +
        "gpt-x-2025-04-14,GPT-X,openai,2025-04-14,mmlu-pro,MMLU-Pro,0.80,0.80\n" +
        "gpt-x-2025-04-14,GPT-X,openai,2025-04-14,arc-c,ARC-C,0.9,0.9\n" +
        "qwen-z,Qwen Z,qwen,2025-10-15,cfeval,CFEval,2134,0.2134\n" +
        "qwen-z,Qwen Z,qwen,2025-10-15,gpqa,GPQA,85,0.85\n";

    [Fact]
    public void KeepsMappedBenchmarksAsFractions_DatesFileByItsNewestRelease()
    {
        using var folder = new TempDataFolder().With(LlmStatsSource.FileName, Csv);
        var (rows, info) = LlmStatsSource.Read(folder.Path);

        Assert.Equal(
            [(Benchmarks.Gpqa, 0.663), (Benchmarks.MmluPro, 0.80)],
            rows.Select(r => (r.Benchmark, r.Score)));
        Assert.All(rows, r => Assert.Equal(SourceNames.LlmStats, r.Source));
        Assert.Equal("GPT-X", rows[0].DisplayName);
        Assert.Equal("2025-10-15", info.Date);
        Assert.Equal("CC-BY-4.0", info.Licence);
        Assert.Contains("modified", info.Origin, StringComparison.Ordinal);
    }

    [Fact]
    public void FileWithoutNeededColumns_IsRefused()
    {
        using var folder = new TempDataFolder().With(LlmStatsSource.FileName, "model,score\nx,1\n");
        var ex = Assert.Throws<InvalidDataException>(() => LlmStatsSource.Read(folder.Path));
        Assert.Contains("benchmark_id", ex.Message, StringComparison.Ordinal);
    }
}
