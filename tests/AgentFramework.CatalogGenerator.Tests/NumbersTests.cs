namespace AgentFramework.CatalogGenerator.Tests;

public sealed class NumbersTests
{
    [Theory]
    [InlineData(0.09999999999999999, 6, 0.1)]
    [InlineData(149.63110287022786, 4, 149.6)]
    [InlineData(0.0028000000000000004, 6, 0.0028)]
    [InlineData(1234567.0, 3, 1230000.0)]
    [InlineData(0.0, 6, 0.0)]
    public void Significant(double value, int digits, double expected) => Assert.Equal(expected, Numbers.Significant(value, digits));

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(2.0, "2")]
    [InlineData(0.000005, "0.000005")]
    [InlineData(1047576.0, "1047576")]
    public void Format_IsInvariantAndNeverExponential(double value, string expected) => Assert.Equal(expected, Numbers.Format(value));

    [Fact]
    public void Format_RefusesValuesJsonCannotHold() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Numbers.Format(double.NaN));
}
