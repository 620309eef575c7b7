using AgentFramework.Catalog;

namespace AgentFramework.Tests.Catalog;

public class CatalogJsonReaderTests
{
    [Fact]
    public void ParsesNestedValues()
    {
        var value = (Dictionary<string, object?>)CatalogJsonReader.Parse("""{"a":[1,2.5,-3e2],"b":{"c":"x\u0041\n"},"d":true,"e":null}""")!;
        Assert.Equal(new object?[] { 1d, 2.5d, -300d }, (List<object?>)value["a"]!);
        Assert.Equal("xA\n", ((Dictionary<string, object?>)value["b"]!)["c"]);
        Assert.Equal(true, value["d"]);
        Assert.Null(value["e"]);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"a\":}")]
    [InlineData("[1,]")]
    [InlineData("\"unterminated")]
    [InlineData("{} extra")]
    [InlineData("nul")]
    public void Rejects_malformed_json_with_a_position(string json)
    {
        var ex = Assert.Throws<FormatException>(() => CatalogJsonReader.Parse(json));
        Assert.Contains("line 1", ex.Message, StringComparison.Ordinal);
    }
}
