using AgentFramework.Architecture.Tests.Rules;
using AgentFramework.Testing;
using ArchUnitNET.xUnit;

namespace AgentFramework.Architecture.Tests;

/// <summary>The dependency arrows between packages hold in the compiled types and in the project graph.</summary>
public sealed class DependencyRuleTests
{
    public static TheoryData<string> Rules => [.. DependencyRules.All.Select(r => r.ToString())];

    [Theory]
    [MemberData(nameof(Rules))]
    public void DependencyRule_HoldsInTheCompiledTypes(string rule)
    {
        DependencyRules.All.Single(r => r.ToString() == rule).ToArchRule().Check(PackageArchitecture.Instance);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void DependencyRule_HoldsInTheProjectGraph(string rule)
    {
        Assert.Empty(DependencyRules.All.Single(r => r.ToString() == rule).ReachedThroughProjectReferences());
    }

    /// <summary>The same rule shapes report real dependencies, so a passing rule is not a rule that cannot fail.</summary>
    [Theory]
    [InlineData(ShippedPackages.Caching, ShippedPackages.Runtime)]
    [InlineData(ShippedPackages.Redis, ShippedPackages.Caching)]
    [InlineData(ShippedPackages.Qdrant, ShippedPackages.VectorSearch)]
    [InlineData(ShippedPackages.SemanticKernel, ShippedPackages.Runtime)]
    [InlineData(ShippedPackages.Runtime, ShippedPackages.Abstractions)]
    public void DependencyRule_OnAPairThatDoesDepend_ReportsViolations(string from, string to)
    {
        var rule = new DependencyRule(from, [to], "deliberately wrong");

        Assert.False(rule.ToArchRule().HasNoViolations(PackageArchitecture.Instance), $"{rule} passed in the compiled types");
        Assert.Equal([to], rule.ReachedThroughProjectReferences());
    }

    [Fact]
    public void ProjectGraph_FollowsReferencesTransitively()
    {
        // Redis → Caching → AgentFramework → Abstractions: the last is reached only through the others.
        var reached = ProjectGraph.Reachable(ShippedPackages.ProjectFile(ShippedPackages.Redis)).Select(Path.GetFileNameWithoutExtension);

        Assert.Contains(ShippedPackages.Abstractions, reached);
    }

    [Fact]
    public void ShippedPackages_DependOnNoTestOrBenchmarkProject()
    {
        var offenders = ShippedPackages.AssemblyNames
            .SelectMany(name => ProjectGraph.Reachable(ShippedPackages.ProjectFile(name)).Where(IsOutsideShippedCode).Select(p => $"{name} → {p}"))
            .ToList();

        Assert.True(offenders.Count == 0, string.Join(Environment.NewLine, offenders));
    }

    [Fact]
    public void ShippedAssemblies_ReferenceNoTestOrBenchmarkAssembly()
    {
        var offenders =
            from assembly in ShippedPackages.Assemblies
            from reference in assembly.GetReferencedAssemblies()
            where IsTestOrBenchmarkAssembly(reference.Name!)
            select $"{assembly.GetName().Name} → {reference.Name}";

        Assert.Empty(offenders);
    }

    [Fact]
    public void NoTestOrBenchmarkRule_OnATestProject_ReportsItsTestReferences()
    {
        // The probe suite references tests/AgentFramework.Testing: the check must see that.
        var probe = Path.Combine(TestPaths.RepoRoot, "tests", "AgentFramework.Probe.Tests", "AgentFramework.Probe.Tests.csproj");

        Assert.Contains(ProjectGraph.Reachable(probe), IsOutsideShippedCode);
        Assert.Contains(typeof(DependencyRuleTests).Assembly.GetReferencedAssemblies(), r => IsTestOrBenchmarkAssembly(r.Name!));
    }

    [Fact]
    public void PackageArchitecture_LoadsEveryShippedPackage()
    {
        var loaded = PackageArchitecture.Instance.Assemblies.Select(a => a.Name.Split(',')[0]).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(ShippedPackages.AssemblyNames.ToHashSet(StringComparer.Ordinal), loaded);
    }

    private static bool IsOutsideShippedCode(string projectFile)
    {
        var relative = Path.GetRelativePath(TestPaths.RepoRoot, projectFile).Replace('\\', '/');
        return relative.StartsWith("tests/", StringComparison.Ordinal) || relative.StartsWith("benchmarks/", StringComparison.Ordinal)
            || relative.StartsWith("examples/", StringComparison.Ordinal) || relative.StartsWith("tools/", StringComparison.Ordinal);
    }

    // Every assembly built from a project outside src/ (tests, test helpers, benchmarks, examples, tools).
    private static readonly Lazy<HashSet<string>> NonShipped = new(() =>
        new[] { "tests", "benchmarks", "examples", "tools" }.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, folder), "*.csproj", SearchOption.AllDirectories))
            .Select(Path.GetFileNameWithoutExtension).OfType<string>().ToHashSet(StringComparer.Ordinal));

    private static bool IsTestOrBenchmarkAssembly(string name) => NonShipped.Value.Contains(name);
}
