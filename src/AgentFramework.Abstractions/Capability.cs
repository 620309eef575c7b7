namespace AgentFramework;

/// <summary>
/// A kind of work an agent step asks a model to do. Each catalog model carries a
/// <see cref="CapabilityLevel"/> per capability, derived from public benchmark evidence.
/// </summary>
/// <remarks>The numeric values are part of the catalog contract; never renumber them.</remarks>
// Compiled into the analyzer too (its own copy, so it loads with no dependency); internal there, so a project
// that references both sees one public type.
#if AGENTFRAMEWORK_ANALYZER
internal
#else
public
#endif
enum Capability
{
    /// <summary>Assigning one of a fixed set of labels (intent, sentiment, routing, triage).</summary>
    Classification = 0,

    /// <summary>Pulling fields out of text (order numbers, names, dates) into a fixed shape.</summary>
    Extraction = 1,

    /// <summary>Condensing a document or conversation while keeping its facts.</summary>
    Summarization = 2,

    /// <summary>Rendering text in another natural language.</summary>
    Translation = 3,

    /// <summary>Producing fluent prose for people: replies, descriptions, marketing copy.</summary>
    Writing = 4,

    /// <summary>Multi-turn dialogue that keeps track of what was said.</summary>
    Conversation = 5,

    /// <summary>Multi-step logical or analytical reasoning (policy decisions, diagnosis, planning).</summary>
    Reasoning = 6,

    /// <summary>Arithmetic and mathematical problem solving.</summary>
    Math = 7,

    /// <summary>Writing, reviewing or explaining source code.</summary>
    Coding = 8,

    /// <summary>Choosing and calling tools/functions correctly in an agent loop.</summary>
    ToolUse = 9,
}
