namespace AgentFramework.Hosting.AgentsAI.ChatClients;

/// <summary>How the cache treats a model call that continues a conversation kept in the agent's session (in-memory chat history).</summary>
/// <remarks>
/// A session whose history the <em>service</em> keeps sends a <c>ChatOptions.ConversationId</c>, and the cache always
/// bypasses such calls (reason <c>conversation-id</c>): the words of the new message are all it could see. This setting
/// is about sessions whose history travels in the request, which the cache can see.
/// </remarks>
public enum ConversationCaching
{
    /// <summary>
    /// A call that carries earlier turns of the conversation (any non-system message before the last user message)
    /// runs with the session as its conversation id, so the cache bypasses it (reason <c>conversation-id</c>), exactly
    /// as for a service-side conversation. Only a conversation's first turn can be cached and served. The default.
    /// </summary>
    Bypass = 0,

    /// <summary>
    /// A continued call is cached with its earlier turns as part of its hard scope (the cache hashes every message
    /// before the last user message into the scope), so it can be served only to a request with the very same history,
    /// whatever the session. Cheaper; choose it when identical histories may share answers.
    /// </summary>
    ScopeByHistory = 1,
}
