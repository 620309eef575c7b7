namespace AgentFramework;

/// <summary>
/// How well a model must perform a <see cref="Capability"/>. Levels are ordered: a model
/// with <see cref="Advanced"/> satisfies a step that requires <see cref="Standard"/>.
/// </summary>
/// <remarks>
/// Catalog levels are derived from benchmark scores with a documented, deterministic mapping
/// (see the catalog generator's README). Roughly: <see cref="Basic"/> is what a small, cheap
/// model does reliably; <see cref="Frontier"/> is what only the strongest current models do.
/// </remarks>
// Compiled into the analyzer too (its own copy, so it loads with no dependency); internal there, so a project
// that references both sees one public type.
#if AGENTFRAMEWORK_ANALYZER
internal
#else
public
#endif
enum CapabilityLevel
{
    /// <summary>No declared need; any model qualifies.</summary>
    None = 0,

    /// <summary>Routine work a small model does reliably (e.g. sentiment, simple labels).</summary>
    Basic = 1,

    /// <summary>Everyday work of a mid-size model (field extraction, routine summaries).</summary>
    Standard = 2,

    /// <summary>Demanding work (multi-step reasoning, nuanced writing, non-trivial code).</summary>
    Advanced = 3,

    /// <summary>Work that only the strongest current models do well.</summary>
    Frontier = 4,
}
