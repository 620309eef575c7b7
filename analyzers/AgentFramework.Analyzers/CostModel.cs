using System.Collections.Concurrent;
using System.Threading;
using AgentFramework.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentFramework.Analyzers;

/// <summary>
/// What one analyzer run prices steps with: the catalog (embedded, or with the compilation's override applied)
/// and the <c>.editorconfig</c> options, both memoized — thousands of steps share a handful of distinct needs and
/// files share their options. One instance per analyzer per compilation start; thread-safe.
/// </summary>
internal sealed class CostModel
{
    private readonly AnalyzerOptions _options;

    // Selected once per distinct needs.
    private readonly ConcurrentDictionary<NeedsKey, ModelCard?> _cheapest = new ConcurrentDictionary<NeedsKey, ModelCard?>();

    // Read once per syntax tree (the options are per file).
    private readonly ConcurrentDictionary<SyntaxTree, CostAnalyzerOptions> _treeOptions = new ConcurrentDictionary<SyntaxTree, CostAnalyzerOptions>();

    private CostModel(ModelCatalog catalog, AnalyzerOptions options)
    {
        Catalog = catalog;
        _options = options;
    }

    /// <summary>The catalog the compilation is analyzed against.</summary>
    public ModelCatalog Catalog { get; }

    /// <summary>The cost model for a compilation's options (its catalog override and .editorconfig).</summary>
    public static CostModel Create(AnalyzerOptions options, CancellationToken cancellationToken) =>
        new CostModel(CatalogCache.For(options.AdditionalFiles, cancellationToken).Catalog, options);

    /// <summary>The options that apply to <paramref name="tree"/>.</summary>
    public CostAnalyzerOptions Options(SyntaxTree? tree)
    {
        if (tree == null)
        {
            return CostAnalyzerOptions.For(_options, null);
        }

        return _treeOptions.TryGetValue(tree, out var options) ? options : _treeOptions.GetOrAdd(tree, CostAnalyzerOptions.For(_options, tree));
    }

    /// <summary>The cheapest catalog model that meets <paramref name="needs"/>, or <c>null</c>.</summary>
    public ModelCard? CheapestSufficient(ModelNeeds needs)
    {
        var key = NeedsKey.Of(needs);
        return _cheapest.TryGetValue(key, out var model) ? model : _cheapest.GetOrAdd(key, ModelSelection.CheapestSufficient(Catalog.Models, needs));
    }
}
