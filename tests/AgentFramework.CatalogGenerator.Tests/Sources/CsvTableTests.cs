using AgentFramework.CatalogGenerator.Sources;

namespace AgentFramework.CatalogGenerator.Tests.Sources;

public sealed class CsvTableTests
{
    [Fact]
    public void ReadsQuotedFieldsWithCommasQuotesAndLineBreaks()
    {
        var table = CsvTable.Parse("\uFEFFa,b,c\r\n1,\"x, \"\"y\"\"\nz\",3\n4,5\n");
        Assert.Equal(["a", "b", "c"], table.Headers);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal("x, \"y\"\nz", table.Rows[0]["b"]);
        Assert.Equal("3", table.Rows[0]["c"]);
        Assert.Equal(string.Empty, table.Rows[1]["c"]);
    }

    [Fact]
    public void UnterminatedQuotesAndMissingColumns_AreClearErrors()
    {
        var ex = Assert.Throws<InvalidDataException>(() => CsvTable.Parse("a\n\"open", "f.csv"));
        Assert.Contains("f.csv", ex.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<InvalidDataException>(() => CsvTable.Parse("a,b\n1,2").RequireColumns("f.csv", "a", "score"));
        Assert.Contains("score", missing.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => CsvTable.Parse(string.Empty));
    }
}
