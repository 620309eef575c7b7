using System;
using System.Collections.Generic;

namespace AgentFramework.Catalog;

/// <summary>One chat model in the catalog: prices, limits, features and capability levels.</summary>
// Internal in the analyzer; still public in the runtime, whose public API uses it (see README.md).
#if AGENTFRAMEWORK_ANALYZER
internal
#else
public
#endif
sealed class ModelCard
{
    private readonly Dictionary<Capability, CapabilityEvidence> _capabilities;

    /// <summary>Creates a model card.</summary>
    internal ModelCard(
        string id,
        string provider,
        double inputPerMillion,
        double outputPerMillion,
        double? cachedInputPerMillion,
        int contextWindow,
        int maxOutputTokens,
        ModelFeatures features,
        IDictionary<Capability, CapabilityEvidence>? capabilities = null,
        IEnumerable<string>? aliases = null,
        string? displayName = null)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException("A model id must not be empty.", nameof(id));
        }

        Id = id;
        Provider = provider ?? string.Empty;
        InputPerMillion = inputPerMillion;
        OutputPerMillion = outputPerMillion;
        CachedInputPerMillion = cachedInputPerMillion;
        ContextWindow = contextWindow;
        MaxOutputTokens = maxOutputTokens;
        Features = features;
        DisplayName = displayName ?? id;
        _capabilities = capabilities is null
            ? new Dictionary<Capability, CapabilityEvidence>()
            : new Dictionary<Capability, CapabilityEvidence>(capabilities);
        Aliases = aliases is null ? Array.Empty<string>() : new List<string>(aliases).ToArray();
    }

    /// <summary>The canonical model id sent to the provider (e.g. <c>gpt-4.1-mini</c>).</summary>
    public string Id { get; }

    /// <summary>Other ids that resolve to this model (dated snapshots, provider-prefixed names).</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The provider (e.g. <c>openai</c>, <c>anthropic</c>).</summary>
    public string Provider { get; }

    /// <summary>A human-readable name.</summary>
    public string DisplayName { get; }

    /// <summary>US dollars per million input tokens.</summary>
    public double InputPerMillion { get; }

    /// <summary>US dollars per million output tokens.</summary>
    public double OutputPerMillion { get; }

    /// <summary>US dollars per million cached input tokens, when the provider discounts them.</summary>
    public double? CachedInputPerMillion { get; }

    /// <summary>Maximum input tokens.</summary>
    public int ContextWindow { get; }

    /// <summary>Maximum output tokens per call.</summary>
    public int MaxOutputTokens { get; }

    /// <summary>API features the model supports.</summary>
    public ModelFeatures Features { get; }

    /// <summary>Capability levels with their evidence.</summary>
    internal IReadOnlyDictionary<Capability, CapabilityEvidence> Capabilities => _capabilities;

    /// <summary>
    /// The price used to rank models when a step declares no token mix: three input tokens
    /// to one output token, in US dollars per million tokens.
    /// </summary>
    public double BlendedPricePerMillion => ModelSelection.BlendedPrice(InputPerMillion, OutputPerMillion);

    /// <summary>The model's level in <paramref name="capability"/>, or <see cref="CapabilityLevel.None"/> when unknown.</summary>
    public CapabilityLevel LevelOf(Capability capability) =>
        _capabilities.TryGetValue(capability, out var evidence) ? evidence.Level : CapabilityLevel.None;

    /// <summary>US dollars for one call with the given token counts.</summary>
    public double CostOf(long inputTokens, long outputTokens, long cachedInputTokens = 0)
    {
        var uncached = Math.Max(0, inputTokens - cachedInputTokens);
        var cachedPrice = CachedInputPerMillion ?? InputPerMillion;
        return (uncached * InputPerMillion + cachedInputTokens * cachedPrice + outputTokens * OutputPerMillion) / 1_000_000d;
    }

    /// <inheritdoc />
    public override string ToString() => Id;
}
