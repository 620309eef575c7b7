using System;

namespace AgentFramework;

/// <summary>API features a step may require of the model that serves it.</summary>
[Flags]
// Compiled into the analyzer too (its own copy, so it loads with no dependency); internal there, so a project
// that references both sees one public type.
#if AGENTFRAMEWORK_ANALYZER
internal
#else
public
#endif
enum ModelFeatures
{
    /// <summary>No feature required.</summary>
    None = 0,

    /// <summary>The model can call tools/functions.</summary>
    ToolCalling = 1,

    /// <summary>The model can be constrained to a JSON schema (structured output).</summary>
    StructuredOutput = 2,

    /// <summary>The model accepts images as input.</summary>
    Vision = 4,

    /// <summary>The provider discounts repeated prompt prefixes (prompt caching).</summary>
    PromptCaching = 8,

    /// <summary>The model runs an internal reasoning phase (reasoning tokens).</summary>
    Reasoning = 16,
}
