using System.Reflection;
using AgentFramework.Testing;

namespace AgentFramework.Architecture.Tests.Rules;

/// <summary>The packages this repository ships: one per project folder under <c>src/</c>, loaded as assemblies.</summary>
internal static class ShippedPackages
{
    public const string Abstractions = "AgentFramework.Abstractions";
    public const string VectorSearch = "AgentFramework.VectorSearch";
    public const string Runtime = "AgentFramework";
    public const string Caching = "AgentFramework.Caching";
    public const string EmbeddingsOnnx = "AgentFramework.Embeddings.Onnx";
    public const string VectorIndex = "AgentFramework.VectorIndex";
    public const string Qdrant = "AgentFramework.Qdrant";
    public const string Redis = "AgentFramework.Redis";
    public const string OpenAI = "AgentFramework.OpenAI";
    public const string SemanticKernel = "AgentFramework.SemanticKernel";
    public const string HostingAgentsAI = "AgentFramework.Hosting.AgentsAI";

    private static readonly Lazy<IReadOnlyList<string>> Names = new(FindNames);
    private static readonly Lazy<IReadOnlyList<Assembly>> Loaded = new(() => [.. Names.Value.Select(Load)]);

    /// <summary>Assembly names of every project under <c>src/</c> (a folder with a csproj of the same name).</summary>
    public static IReadOnlyList<string> AssemblyNames => Names.Value;

    /// <summary>Every shipped assembly, loaded from this test's output (each is a project reference).</summary>
    public static IReadOnlyList<Assembly> Assemblies => Loaded.Value;

    /// <summary>The csproj of a shipped package.</summary>
    public static string ProjectFile(string assemblyName) =>
        Path.Combine(TestPaths.RepoRoot, "src", assemblyName, assemblyName + ".csproj");

    /// <summary>Loads one shipped assembly by name.</summary>
    public static Assembly Load(string assemblyName) => Assembly.Load(new AssemblyName(assemblyName));

    private static IReadOnlyList<string> FindNames() =>
        [.. Directory.EnumerateDirectories(Path.Combine(TestPaths.RepoRoot, "src"))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => File.Exists(ProjectFile(name)))
            .Order(StringComparer.Ordinal)];
}
