using AgentFramework.Catalog;

namespace AgentFramework.Pricing;

/// <summary>
/// Prices model calls from catalog prices. The one component the router (what a call cost and what it would
/// have cost on the baseline), the cache (what a hit saved) and the ledger (the naive cost of avoided calls)
/// share, so the three can never price the same tokens differently.
/// </summary>
/// <remarks>
/// The arithmetic is <see cref="ModelCard.CostOf"/>, the rule the analyzer's monthly figures use too: input
/// tokens the provider billed as cached are priced at the cached-input price (or the input price when the
/// catalog has none). What this class adds is the lookup: a model id the catalog does not know is priced as
/// <c>null</c>, never as zero dollars, so each caller decides explicitly what an unknown model means.
/// </remarks>
public sealed class ModelPricing
{
    private readonly ModelCatalog? _catalog;

    /// <summary>Creates a pricing over <paramref name="catalog"/>; without one only <see cref="ModelCard"/>s can be priced.</summary>
    public ModelPricing(ModelCatalog? catalog)
    {
        _catalog = catalog;
    }

    /// <summary>US dollars for one call of <paramref name="model"/> with the given token counts.</summary>
    /// <param name="model">The catalog card of the model that served (or would serve) the call.</param>
    /// <param name="inputTokens">All input tokens, cached ones included.</param>
    /// <param name="outputTokens">Output tokens.</param>
    /// <param name="cachedInputTokens">The part of <paramref name="inputTokens"/> billed at the cached-input price.</param>
    public static double CostOf(ModelCard model, long inputTokens, long outputTokens, long cachedInputTokens)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.CostOf(inputTokens, outputTokens, cachedInputTokens);
    }

    /// <summary>The catalog card of <paramref name="modelId"/> (an id or alias), or <c>null</c> when it is empty or unknown.</summary>
    public ModelCard? Find(string? modelId) => _catalog?.Find(modelId);

    /// <summary>
    /// US dollars for one call of the model named <paramref name="modelId"/>, or <c>null</c> when there is no
    /// catalog or the catalog does not know the model.
    /// </summary>
    /// <param name="modelId">The model's catalog id or alias.</param>
    /// <param name="inputTokens">All input tokens, cached ones included.</param>
    /// <param name="outputTokens">Output tokens.</param>
    /// <param name="cachedInputTokens">The part of <paramref name="inputTokens"/> billed at the cached-input price.</param>
    public double? CostOf(string? modelId, long inputTokens, long outputTokens, long cachedInputTokens) =>
        Find(modelId) is { } model ? CostOf(model, inputTokens, outputTokens, cachedInputTokens) : null;
}
