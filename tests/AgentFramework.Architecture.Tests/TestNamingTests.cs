using System.Text.RegularExpressions;
using AgentFramework.Testing;

namespace AgentFramework.Architecture.Tests;

/// <summary>
/// One test-naming style: PascalCase segments joined by underscores, <c>Subject_Scenario_Outcome</c>
/// (e.g. <c>Upsert_ThenSearch_ReturnsEntryWithPayload</c>; a single segment is fine).
/// </summary>
public sealed partial class TestNamingTests
{
    [Fact]
    public void TestMethods_UseTheHouseStyle()
    {
        var offenders = (
            from project in Directory.EnumerateDirectories(Path.Combine(TestPaths.RepoRoot, "tests"))
            from file in Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
            where !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            from name in TestMethodNames(File.ReadAllText(file))
            where !IsHouseStyle(name)
            select $"{Path.GetRelativePath(TestPaths.RepoRoot, file)}: {name}").ToList();

        Assert.True(offenders.Count == 0, string.Join(Environment.NewLine, offenders));
    }

    [Theory]
    [InlineData("Upsert_ThenSearch_ReturnsEntry", true)]
    [InlineData("SearchesRunWhileWritersGrow", true)]
    [InlineData("Parse_Utf8Input_Returns42Items", true)]
    [InlineData("The_cache_serves_a_paraphrase", false)]
    [InlineData("ScopeByHistory_lets_a_turn_hit", false)]
    [InlineData("lowercaseStart", false)]
    public void IsHouseStyle_AcceptsPascalSegmentsOnly(string name, bool expected)
    {
        Assert.Equal(expected, IsHouseStyle(name));
    }

    [Fact]
    public void TestMethodNames_FindsFactsAndTheories()
    {
        const string source = "[Fact]\npublic void A_B() { }\n[Theory]\n[InlineData(1)]\npublic async Task C_D(int x) { }\npublic void NotATest() { }\n";

        Assert.Equal(["A_B", "C_D"], TestMethodNames(source));
    }

    private static bool IsHouseStyle(string name) => HouseStyle().IsMatch(name);

    private static IEnumerable<string> TestMethodNames(string source) => TestMethod().Matches(source).Select(m => m.Groups["name"].Value);

    [GeneratedRegex(@"^[A-Z0-9][A-Za-z0-9]*(_[A-Z0-9][A-Za-z0-9]*)*$")]
    private static partial Regex HouseStyle();

    [GeneratedRegex(@"\[(?:Fact|Theory)[^\]]*\](?:\s*\[[^\]]*\])*\s*public\s+(?:async\s+)?(?:void|Task|ValueTask)\s+(?<name>\w+)\s*\(")]
    private static partial Regex TestMethod();
}
