namespace AgentFramework.Probe.Tests;

/// <summary>
/// Questions in groups of equivalent wordings. A served answer is right when it answers a question of the same
/// group for the same tenant; groups differ in a slot (order number, on/off, place) so a wrong hit is visible.
/// </summary>
internal static class ProbeTraffic
{
    public static readonly string[][] Groups =
    [
        ["How do I reset my password?", "How can I reset my password?", "I forgot my password, how do I reset it?"],
        ["How do I enable two-factor authentication?", "How can I turn on two-factor authentication?"],
        ["How do I disable two-factor authentication?", "How can I turn off two-factor authentication?"],
        ["What is the status of order 48213?", "Where is order 48213 right now?"],
        ["What is the status of order 48231?", "Where is order 48231 right now?"],
        ["How much does shipping to Canada cost?", "What does shipping to Canada cost?"],
        ["How much does shipping to Mexico cost?", "What does shipping to Mexico cost?"],
        ["Cancel my subscription.", "Please cancel my subscription."],
        ["What are your opening hours?", "When are you open?"],
        ["Can I return an item after 30 days?", "Is it possible to return an item after 30 days?"],
        ["Can I return an item after 60 days?", "Is it possible to return an item after 60 days?"],
        ["Update the shipping address on order 1002 to Berlin.", "Change the shipping address of order 1002 to Berlin."],
        ["Update the shipping address on order 1002 to Munich.", "Change the shipping address of order 1002 to Munich."],
        ["Do you ship to Australia?", "Can you deliver to Australia?"],
        ["What is the warranty period for the blender?", "How long is the blender's warranty?"],
        ["What payment methods do you accept?", "Which ways can I pay?"],
    ];

    public static readonly Dictionary<string, int> GroupOf = Groups
        .SelectMany((variants, group) => variants.Select(v => (v, group)))
        .ToDictionary(x => x.v, x => x.group, StringComparer.Ordinal);
}
