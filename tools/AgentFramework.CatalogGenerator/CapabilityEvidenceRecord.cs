using AgentFramework.CatalogGenerator.Mapping;

namespace AgentFramework.CatalogGenerator;

/// <summary>The evidence behind one capability level, as written to the catalog.</summary>
/// <param name="Level">The level the score earns.</param>
/// <param name="Benchmark">The benchmark label (proxies say so).</param>
/// <param name="Score">The score, rounded to 4 significant digits.</param>
/// <param name="Source">The source's short name.</param>
/// <param name="MatchedName">The model name under which the source lists the score.</param>
/// <param name="Scale">The scale that turned the score into the level.</param>
internal sealed record CapabilityEvidenceRecord(
    CapabilityLevel Level,
    string Benchmark,
    double Score,
    string Source,
    string MatchedName,
    LevelScale Scale);
