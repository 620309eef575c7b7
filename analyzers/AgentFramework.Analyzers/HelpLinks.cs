namespace AgentFramework.Analyzers;

/// <summary>Builds the help link of a rule: its page under <c>analyzers/docs</c>.</summary>
internal static class HelpLinks
{
    /// <summary>The folder that holds one <c>{id}.md</c> page per rule.</summary>
    public const string DocsBase = "https://github.com/agentframework/AgentFramework/blob/main/analyzers/docs/";

    /// <summary>The help link of <paramref name="ruleId"/>.</summary>
    public static string For(string ruleId) => DocsBase + ruleId + ".md";
}
