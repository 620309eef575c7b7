using System.Globalization;
using System.Text.RegularExpressions;
using AgentFramework.CatalogGenerator.Mapping;
using AgentFramework.Testing;

namespace AgentFramework.CatalogGenerator.Tests;

/// <summary>Keeps the generator README's mapping table in step with the code.</summary>
public sealed class ReadmeTests
{
    private static readonly Lazy<string> Readme = new(() =>
        File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "tools", "AgentFramework.CatalogGenerator", "README.md")));

    [Fact]
    public void EveryScaleOfEveryCapability_IsDocumentedWithItsThresholds()
    {
        foreach (var (capability, scales) in LevelMapping.Rules)
        {
            foreach (var s in scales)
            {
                var row = string.Format(
                    CultureInfo.InvariantCulture,
                    @"^\| {0}{1}[^|]* \| {2} \| {3} \| {4} \| {5} \| {6} \|$",
                    Regex.Escape(s.Benchmark),
                    s.IsProxy ? Regex.Escape(" (proxy)") : string.Empty,
                    Regex.Escape(s.Source),
                    s.Basic,
                    s.Standard,
                    s.Advanced,
                    s.Frontier is { } f ? f.ToString(CultureInfo.InvariantCulture) : "—");
                Assert.True(Regex.IsMatch(Readme.Value, row, RegexOptions.Multiline), $"{capability}: README lacks a row for {s.Describe()}");
            }
        }
    }

    [Fact]
    public void DocumentsOptionsAndAttribution()
    {
        foreach (var text in new[] { "--data", "--out", "--check", "CC BY 4.0", "modified" })
        {
            Assert.Contains(text, Readme.Value, StringComparison.Ordinal);
        }
    }
}
