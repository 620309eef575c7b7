namespace AgentFramework.Testing;

/// <summary>One labelled pair: would serving the answer of <see cref="Cached"/> for <see cref="Query"/> be right?</summary>
/// <param name="Query">The new request (<c>question1</c>).</param>
/// <param name="Cached">The stored request (<c>question2</c>).</param>
/// <param name="Duplicate">Whether the two ask the same thing (<c>is_duplicate</c>).</param>
public sealed record LabeledPair(string Query, string Cached, bool Duplicate);
