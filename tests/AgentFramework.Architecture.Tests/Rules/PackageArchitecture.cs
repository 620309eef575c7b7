using ArchUnitNET.Loader;
using ArchitectureModel = ArchUnitNET.Domain.Architecture;

namespace AgentFramework.Architecture.Tests.Rules;

/// <summary>The shipped assemblies loaded once into an ArchUnitNET architecture (loading is the slow part).</summary>
internal static class PackageArchitecture
{
    private static readonly Lazy<ArchitectureModel> Loaded = new(() => new ArchLoader().LoadAssemblies([.. ShippedPackages.Assemblies]).Build());

    /// <summary>The architecture of every shipped package.</summary>
    public static ArchitectureModel Instance => Loaded.Value;
}
