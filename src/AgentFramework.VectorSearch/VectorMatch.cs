namespace AgentFramework.VectorSearch;

/// <summary>One search result: the entry's id, payload and tags and its cosine similarity to the query.</summary>
/// <param name="Id">The entry id.</param>
/// <param name="Score">Cosine similarity in [-1, 1]; higher is closer.</param>
/// <param name="Payload">The entry's payload.</param>
/// <param name="Tags">The entry's tags.</param>
public readonly record struct VectorMatch(string Id, float Score, string? Payload, IReadOnlyList<string> Tags);
