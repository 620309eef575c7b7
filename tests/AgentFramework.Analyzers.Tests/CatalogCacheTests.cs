using AgentFramework.Analyzers.Tests.Infrastructure;

namespace AgentFramework.Analyzers.Tests;

/// <summary>The catalog is parsed once per distinct override, and the embedded one once per process.</summary>
public sealed class CatalogCacheTests
{
    [Fact]
    public void Embedded_IsSharedAndHoldsTheRuntimeCatalog()
    {
        var a = CatalogCache.Get(null);
        var b = CatalogCache.Get("   ");

        Assert.Same(a, b);
        Assert.Null(a.OverrideError);
        Assert.Equal(AgentFramework.Catalog.ModelCatalog.LoadEmbedded().Models.Select(m => m.Id), a.Catalog.Models.Select(m => m.Id));
        Assert.NotNull(a.Catalog.Find("claude-opus-4-1"));
    }

    [Fact]
    public void Override_SameContentIsParsedOnce_DifferentContentIsNot()
    {
        var first = CatalogCache.Get(TestSources.TestCatalog);
        var again = CatalogCache.Get(new string(TestSources.TestCatalog.ToCharArray()));
        var other = CatalogCache.Get(TestSources.TestCatalog + " ");

        Assert.Same(first, again);
        Assert.NotSame(first, other);
        Assert.NotNull(first.Catalog.Find("af-small"));
        Assert.NotNull(first.Catalog.Find("claude-opus-4-1"));
    }

    [Fact]
    public void Override_Malformed_KeepsTheEmbeddedCatalogAndThePosition()
    {
        var snapshot = CatalogCache.Get("{\n  \"models\": [ nope ]\n}");

        Assert.NotNull(snapshot.OverrideError);
        Assert.Equal(2, snapshot.ErrorLine);
        Assert.Equal(15, snapshot.ErrorColumn);
        Assert.Same(CatalogCache.Get(null).Catalog, snapshot.Catalog);
    }
}
