using AgentFramework.Catalog;

namespace AgentFramework.Analyzers
{
    /// <summary>The catalog a compilation is analyzed against, and why an override was refused.</summary>
    internal sealed class CatalogSnapshot
    {
        public CatalogSnapshot(ModelCatalog catalog, string? overrideError, int errorLine, int errorColumn)
        {
            Catalog = catalog;
            OverrideError = overrideError;
            ErrorLine = errorLine;
            ErrorColumn = errorColumn;
        }

        public ModelCatalog Catalog { get; }

        /// <summary>Why the override was ignored, or <c>null</c> when it was applied (or absent).</summary>
        public string? OverrideError { get; }

        /// <summary>1-based line of the error in the override, or 0 when unknown.</summary>
        public int ErrorLine { get; }

        /// <summary>1-based column of the error in the override, or 0 when unknown.</summary>
        public int ErrorColumn { get; }
    }
}
