namespace AgentFramework.CatalogGenerator.Sources;

/// <summary>Where a catalog's data came from (written to the catalog's <c>sources</c> list).</summary>
internal sealed record SourceInfo(string Name, string File, string Date, string Licence, string Origin);
