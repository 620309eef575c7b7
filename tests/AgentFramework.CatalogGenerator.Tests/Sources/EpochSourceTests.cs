using AgentFramework.CatalogGenerator.Sources;

namespace AgentFramework.CatalogGenerator.Tests.Sources;

public sealed class EpochSourceTests
{
    [Theory]
    [InlineData("17 November 2025 4:28pm", "2025-11-17")]
    [InlineData("1 March 2024 10:00am", "2024-03-01")]
    [InlineData("", null)]
    [InlineData("yesterday", null)]
    public void RunDates_AreReadAsIsoDates(string text, string? expected) =>
        Assert.Equal(expected, EpochSource.ParseRunDate(text));

    [Fact]
    public void IndexRowsWithoutScore_AreSkippedAndDateIsNewestRelease()
    {
        using var folder = new TempDataFolder().With(
            EpochSource.IndexFile,
            "Model version,ECI Score,Release date,Organization,Model name,Description\n" +
            "gpt-oss-120b_high,,2025-08-05,OpenAI,gpt-oss-120b,\"A model, described\"\n" +
            "gpt-5-2025-08-07_high,149.63110287022786,2025-08-07,OpenAI,GPT-5,x\n");
        var (rows, info) = EpochSource.ReadIndex(folder.Path);

        var row = Assert.Single(rows);
        Assert.Equal(("gpt-5-2025-08-07_high", Benchmarks.Eci, 149.63110287022786, "GPT-5"), (row.ModelName, row.Benchmark, row.Score, row.DisplayName));
        Assert.Equal("2025-08-07", info.Date);
    }

    [Fact]
    public void Runs_KeepSuccessfulRunsOfMappedTasksOnly()
    {
        using var folder = new TempDataFolder().With(
            EpochSource.RunsFile,
            "\uFEFFid,task,model,Best score (across scorers),started_at,Status\n" +
            "a,GPQA diamond,o3-2025-04-16_high,0.818,16 November 2025 3:35pm,Success\n" +
            "b,FrontierMath-2025-02-28-Private,o3-2025-04-16_high,0.187,17 November 2025 4:28pm,Success\n" +
            "c,SWE-Bench verified,o3-2025-04-16_medium,0.437,1 November 2025 1:00pm,Failed\n" +
            "d,MATH level 5,o3-2025-04-16_high,0.978,2 November 2025 1:00pm,Success\n");
        var (rows, info) = EpochSource.ReadRuns(folder.Path);

        Assert.Equal([(Benchmarks.GpqaDiamond, 0.818), (Benchmarks.MathLevel5, 0.978)], rows.Select(r => (r.Benchmark, r.Score)));
        Assert.Equal("2025-11-17", info.Date);
    }
}
