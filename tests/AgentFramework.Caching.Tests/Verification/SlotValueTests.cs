using AgentFramework.Caching.Verification;

namespace AgentFramework.Caching.Tests.Verification;

public sealed class SlotValueTests
{
    // Each prompt holds one numeric slot; the value and unit it reads.
    [Theory]
    [InlineData("Budget $1,250,000 for it", "1250000", null)]
    [InlineData("Budget 2.5k for it", "2500", null)]
    [InlineData("It is due on the 21st", "21", null)]
    [InlineData("Pack 23 kilograms", "23", "kg")]
    [InlineData("Pack 23kg", "23", "kg")]
    [InlineData("Pack 23 lbs", "23", "pound")]
    [InlineData("Bake at 350F", "350", "fahrenheit")]
    [InlineData("Wait 3 hrs", "3", "hour")]
    [InlineData("Call at 12am", "t0:00", null)]
    [InlineData("Call at 12pm", "t12:00", null)]
    [InlineData("Call at 7:05 pm", "t19:05", null)]
    [InlineData("Call at 19:05", "t19:05", null)]
    [InlineData("Call at 7:05", "b7:05", null)]
    public void Reads_TheValue_WhateverTheNotation(string prompt, string value, string? unit)
    {
        var features = TextFeatures.Of(prompt);
        var slot = Assert.Single(features.Slots);

        Assert.True(SlotValue.TryParse(slot, features, out var parsed));
        Assert.Equal(new SlotValue(value, unit), parsed);
    }

    // Not numbers, or numbers whose unit cannot be told: compared as written.
    [Theory]
    [InlineData("Run 5m")]        // metres, minutes or millions
    [InlineData("Order ORD-42")]
    [InlineData("Call at 25:00")]
    [InlineData("Call at 13pm")]
    [InlineData("Open v2.1.0b")]
    public void Leaves_OtherSlots_ToTheTextComparison(string prompt)
    {
        var features = TextFeatures.Of(prompt);
        var slot = Assert.Single(features.Slots);

        Assert.False(SlotValue.TryParse(slot, features, out _));
    }

    [Fact]
    public void A_Unit_OnOneSide_DoesNotDecide_ButTwoUnits_Must_Agree()
    {
        Assert.True(new SlotValue("40", "usd").Matches(new SlotValue("40", null)));
        Assert.False(new SlotValue("40", "usd").Matches(new SlotValue("40", "eur")));
        Assert.False(new SlotValue("40", null).Matches(new SlotValue("45", null)));
    }
}
