using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AgentFramework.Catalog;

/// <summary>
/// The selection rules shared by the analyzer and the router. "Cheapest sufficient model" is the
/// model with the lowest price for the step's token mix among those with no <see cref="Shortfall"/>;
/// ties go to the model with the larger context window, then to the ordinal-smaller id, so the
/// answer never depends on catalog order.
/// </summary>
internal static class ModelSelection
{
    /// <summary>Input tokens per output token in the default blend.</summary>
    public const double DefaultInputToOutputRatio = 3.0;

    /// <summary>Price per million tokens at a 3:1 input:output blend.</summary>
    public static double BlendedPrice(double inputPerMillion, double outputPerMillion) =>
        (DefaultInputToOutputRatio * inputPerMillion + outputPerMillion) / (DefaultInputToOutputRatio + 1);

    /// <summary>
    /// The price used to rank <paramref name="model"/> for <paramref name="needs"/>: the cost of one
    /// typical call (per million calls) when the step declares its token mix, else the 3:1 blend.
    /// </summary>
    public static double RankingPrice(ModelCard model, ModelNeeds needs)
    {
        if (needs.TypicalInputTokens > 0 || needs.TypicalOutputTokens > 0)
        {
            return needs.TypicalInputTokens * model.InputPerMillion + needs.TypicalOutputTokens * model.OutputPerMillion;
        }

        return model.BlendedPricePerMillion;
    }

    /// <summary>Everything that keeps <paramref name="model"/> from serving <paramref name="needs"/>.</summary>
    public static IReadOnlyList<Shortfall> Shortfalls(ModelCard model, ModelNeeds needs)
    {
        var result = new List<Shortfall>();
        foreach (var pair in needs.Levels)
        {
            var has = model.LevelOf(pair.Key);
            if (has < pair.Value)
            {
                result.Add(new Shortfall(
                    "capability",
                    string.Format(CultureInfo.InvariantCulture, "{0} is {1}, step needs {2}", pair.Key, has == CapabilityLevel.None ? "unknown" : has.ToString(), pair.Value)));
            }
        }

        var missing = needs.Features & ~model.Features;
        if (missing != ModelFeatures.None)
        {
            result.Add(new Shortfall("feature", "lacks " + missing));
        }

        if (needs.MinContextTokens > 0 && model.ContextWindow < needs.MinContextTokens)
        {
            result.Add(new Shortfall(
                "context",
                string.Format(CultureInfo.InvariantCulture, "context window {0:N0} < {1:N0} tokens", model.ContextWindow, needs.MinContextTokens)));
        }

        return result;
    }

    /// <summary>True when <paramref name="model"/> meets every need.</summary>
    public static bool IsSufficient(ModelCard model, ModelNeeds needs) => Shortfalls(model, needs).Count == 0;

    /// <summary>Orders models cheapest first by the shared tie-breaking rules.</summary>
    public static IEnumerable<ModelCard> OrderByPrice(IEnumerable<ModelCard> models, ModelNeeds needs) =>
        models
            .OrderBy(m => RankingPrice(m, needs))
            .ThenByDescending(m => m.ContextWindow)
            .ThenBy(m => m.Id, StringComparer.Ordinal);

    /// <summary>The sufficient models, cheapest first.</summary>
    public static IReadOnlyList<ModelCard> SufficientByPrice(IEnumerable<ModelCard> models, ModelNeeds needs) =>
        OrderByPrice(models.Where(m => IsSufficient(m, needs)), needs).ToList();

    /// <summary>The cheapest sufficient model, or <c>null</c> when none qualifies.</summary>
    public static ModelCard? CheapestSufficient(IEnumerable<ModelCard> models, ModelNeeds needs) =>
        OrderByPrice(models.Where(m => IsSufficient(m, needs)), needs).FirstOrDefault();

    /// <summary>
    /// How many times more <paramref name="bound"/> costs than <paramref name="cheapest"/> for the
    /// step's token mix; <c>PositiveInfinity</c> when the cheapest is free and the bound is not.
    /// </summary>
    public static double CostRatio(ModelCard bound, ModelCard cheapest, ModelNeeds needs)
    {
        var b = RankingPrice(bound, needs);
        var c = RankingPrice(cheapest, needs);
        if (c <= 0)
        {
            return b <= 0 ? 1 : double.PositiveInfinity;
        }

        return b / c;
    }

    /// <summary>
    /// US dollars per 30-day month for <paramref name="callsPerDay"/> calls with the given token mix.
    /// </summary>
    public static double MonthlyCost(ModelCard model, double callsPerDay, int inputTokens, int outputTokens) =>
        callsPerDay * 30 * model.CostOf(inputTokens, outputTokens);
}
