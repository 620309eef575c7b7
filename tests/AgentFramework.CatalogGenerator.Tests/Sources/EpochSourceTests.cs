using AgentFramework.CatalogGenerator.Sources;

namespace AgentFramework.CatalogGenerator.Tests.Sources;

public sealed class EpochSourceTests
{
    [Theory]
    [InlineData("17 November 2025 4:28pm", "2025-11-17")]
    [InlineData("1 March 2024 10:00am", "2024-03-01")]
    [InlineData("", null)]
    [InlineData("yesterday", null)]
    public void Run_dates_are_read_as_iso_dates(string text, string? expected) =>
        Assert.Equal(expected, EpochSource.ParseRunDate(text));
}
