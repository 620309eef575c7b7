using System.Reflection;
using AgentFramework.Analyzers.Tests.Infrastructure;
using AgentFramework.Testing;

namespace AgentFramework.Analyzers.Tests;

/// <summary>Every rule is registered once, documented, linked to its page and tracked for release.</summary>
public sealed class DiagnosticDescriptorsTests
{
    private static string[] Ids =>
        [.. typeof(RuleIdentifiers).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!)];

    public static TheoryData<string> RuleIds() => [.. Ids];

    [Fact]
    public void EveryRuleIdHasExactlyOneDescriptorAndTheAnalyzerSupportsIt()
    {
        var ids = Ids.Order().ToArray();
        Assert.Equal(ids, DiagnosticDescriptors.All.Select(d => d.Id).Order().ToArray());
        Assert.Equal(ids, AllAnalyzers.Create().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Order().ToArray());
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void HelpLinkPointsAtAnExistingDocPage(string id)
    {
        var descriptor = Assert.Single(DiagnosticDescriptors.All, d => d.Id == id);
        Assert.Equal(HelpLinks.For(id), descriptor.HelpLinkUri);
        Assert.EndsWith("/analyzers/docs/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);

        var page = Path.Combine(TestPaths.RepoRoot, "analyzers", "docs", id + ".md");
        Assert.True(File.Exists(page), $"Missing help page {page}");
        Assert.StartsWith("# " + id + ":", File.ReadAllText(page), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void RuleIsListedInTheDocsIndexAndTheReleaseTracking(string id)
    {
        var index = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "analyzers", "docs", "README.md"));
        Assert.Contains("[" + id + "](" + id + ".md)", index, StringComparison.Ordinal);

        var unshipped = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "analyzers", "AgentFramework.Analyzers", "AnalyzerReleases.Unshipped.md"));
        var descriptor = Assert.Single(DiagnosticDescriptors.All, d => d.Id == id);
        Assert.Contains(id + " | " + descriptor.Category + " | " + descriptor.DefaultSeverity, unshipped, StringComparison.Ordinal);
    }

    [Fact]
    public void DescriptorsHaveTitlesDescriptionsAndAreEnabled()
    {
        Assert.All(DiagnosticDescriptors.All, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Title.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.False(string.IsNullOrWhiteSpace(d.Description.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.True(d.IsEnabledByDefault);
        });
    }
}
