namespace AgentFramework.CatalogGenerator;

/// <summary>One catalog model, ready to be written.</summary>
internal sealed record CatalogModel(
    string Id,
    string DisplayName,
    string Provider,
    IReadOnlyList<string> Aliases,
    double InputPerMillion,
    double OutputPerMillion,
    double? CachedInputPerMillion,
    long ContextWindow,
    long MaxOutputTokens,
    ModelFeatures Features,
    IReadOnlyList<KeyValuePair<Capability, CapabilityEvidenceRecord>> Capabilities);
