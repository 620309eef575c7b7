using AgentFramework.Pricing;
using AgentFramework.Tests.TestDoubles;

namespace AgentFramework.Tests.Pricing;

public class ModelPricingTests
{
    private readonly ModelPricing _pricing = new(TestCatalog.Load());

    [Theory]
    // small: 0.4 in / 1.6 out / 0.1 cached-in per million.
    [InlineData("small", 1_000_000L, 0L, 0L, 0.4)]
    [InlineData("small", 0L, 1_000_000L, 0L, 1.6)]
    [InlineData("small", 1_000_000L, 500_000L, 400_000L, (600_000 * 0.4 + 400_000 * 0.1 + 500_000 * 1.6) / 1e6)]
    // frontier has no cached-input price: cached tokens cost the input price.
    [InlineData("frontier", 1000L, 100L, 600L, (1000 * 15 + 100 * 75) / 1e6)]
    // An alias prices as its model.
    [InlineData("p2/small", 2000L, 10L, 0L, (2000 * 0.4 + 10 * 1.6) / 1e6)]
    // More cached than input tokens never yields a negative uncached part.
    [InlineData("small", 100L, 0L, 300L, 300 * 0.1 / 1e6)]
    public void Prices_input_cached_input_and_output_tokens_at_the_catalog_prices(string model, long input, long output, long cached, double expected)
    {
        Assert.Equal(expected, _pricing.CostOf(model, input, output, cached)!.Value, 12);
        Assert.Equal(expected, ModelPricing.CostOf(_pricing.Find(model)!, input, output, cached), 12);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-such-model")]
    public void UnknownModel_HasNoPriceRatherThanZeroOne(string? model)
    {
        Assert.Null(_pricing.CostOf(model, 1000, 100, 0));
        Assert.Null(_pricing.Find(model));
    }

    [Fact]
    public void WithoutCatalog_OnlyCardsCanBePriced()
    {
        var pricing = new ModelPricing(null);
        Assert.Null(pricing.CostOf("small", 1000, 100, 0));
        Assert.Equal((1000 * 0.4 + 100 * 1.6) / 1e6, ModelPricing.CostOf(TestCatalog.Load().Get("small"), 1000, 100, 0), 12);
    }
}
