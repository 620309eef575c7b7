using System;
using System.Collections.Generic;
using System.Linq;

namespace AgentFramework.Catalog;

/// <summary>
/// What a step needs of a model: capability levels, features, a context window, and the token
/// mix used to compare prices. Built from attributes by the runtime and by the analyzer.
/// </summary>
// Internal in the analyzer; still public in the runtime, whose public API uses it (see README.md).
#if AGENTFRAMEWORK_ANALYZER
internal
#else
public
#endif
sealed class ModelNeeds
{
    private readonly SortedDictionary<Capability, CapabilityLevel> _levels;

    /// <summary>Creates needs.</summary>
    public ModelNeeds(
        IEnumerable<KeyValuePair<Capability, CapabilityLevel>>? levels = null,
        ModelFeatures features = ModelFeatures.None,
        int minContextTokens = 0,
        int typicalInputTokens = 0,
        int typicalOutputTokens = 0)
    {
        _levels = new SortedDictionary<Capability, CapabilityLevel>();
        if (levels != null)
        {
            foreach (var pair in levels)
            {
                if (pair.Value == CapabilityLevel.None)
                {
                    continue;
                }

                // The strongest declaration of a capability wins when it is repeated.
                _levels[pair.Key] = _levels.TryGetValue(pair.Key, out var existing) && existing > pair.Value ? existing : pair.Value;
            }
        }

        Features = features;
        MinContextTokens = Math.Max(0, minContextTokens);
        TypicalInputTokens = Math.Max(0, typicalInputTokens);
        TypicalOutputTokens = Math.Max(0, typicalOutputTokens);
    }

    /// <summary>Needs that any model satisfies.</summary>
    public static ModelNeeds None { get; } = new ModelNeeds();

    /// <summary>Required capability levels, ordered by capability.</summary>
    public IReadOnlyDictionary<Capability, CapabilityLevel> Levels => _levels;

    /// <summary>Required API features.</summary>
    public ModelFeatures Features { get; }

    /// <summary>Required context window in input tokens (0 = none).</summary>
    public int MinContextTokens { get; }

    /// <summary>Typical input tokens per call (0 = unknown).</summary>
    public int TypicalInputTokens { get; }

    /// <summary>Typical output tokens per call (0 = unknown).</summary>
    public int TypicalOutputTokens { get; }

    /// <summary>True when nothing is declared: no capability, feature or context need.</summary>
    public bool IsEmpty => _levels.Count == 0 && Features == ModelFeatures.None && MinContextTokens == 0;

    /// <summary>The highest level among the declared capabilities (the step's capability floor).</summary>
    public CapabilityLevel Floor => _levels.Count == 0 ? CapabilityLevel.None : _levels.Values.Max();

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = _levels.Select(p => p.Key + ">=" + p.Value).ToList();
        if (Features != ModelFeatures.None)
        {
            parts.Add("features=" + Features);
        }

        if (MinContextTokens > 0)
        {
            parts.Add("context>=" + MinContextTokens);
        }

        return parts.Count == 0 ? "(no declared needs)" : string.Join(", ", parts);
    }
}
