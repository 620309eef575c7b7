using ArchUnitNET.Fluent;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace AgentFramework.Architecture.Tests.Rules;

/// <summary>
/// "Package <see cref="From"/> uses no type of any package in <see cref="Forbidden"/>": checked on the compiled
/// types with ArchUnitNET, and on the project graph (a project reference pulls the package in even when unused).
/// </summary>
internal sealed record DependencyRule(string From, IReadOnlyList<string> Forbidden, string Why)
{
    /// <summary>The rule as an ArchUnitNET rule over the shipped architecture.</summary>
    public IArchRule ToArchRule() =>
        Types().That().ResideInAssembly(ShippedPackages.Load(From))
            .Should().NotDependOnAnyTypesThat().ResideInAssembly(ShippedPackages.Load(Forbidden[0]), [.. Forbidden.Skip(1).Select(ShippedPackages.Load)])
            .Because(Why);

    /// <summary>Forbidden packages that <see cref="From"/> reaches through project references, directly or not.</summary>
    public IReadOnlyList<string> ReachedThroughProjectReferences() =>
        [.. ProjectGraph.Reachable(ShippedPackages.ProjectFile(From)).Select(Path.GetFileNameWithoutExtension).OfType<string>()
            .Where(name => Forbidden.Contains(name, StringComparer.Ordinal))];

    /// <inheritdoc />
    public override string ToString() => $"{From} ↛ {string.Join(", ", Forbidden)}";
}
