using P = AgentFramework.Architecture.Tests.Rules.ShippedPackages;

namespace AgentFramework.Architecture.Tests.Rules;

/// <summary>The dependency arrows between the shipped packages (DESIGN.md: dependencies point inward).</summary>
internal static class DependencyRules
{
    private static readonly string[] Backends = [P.Caching, P.VectorIndex, P.Qdrant, P.Redis];

    /// <summary>Every rule, each with the reason a reviewer would give.</summary>
    public static IReadOnlyList<DependencyRule> All { get; } =
    [
        new(P.Abstractions, Others(P.Abstractions), "the attributes users put on steps depend on nothing of ours"),
        new(P.VectorSearch, Others(P.VectorSearch), "the vector contracts depend on nothing of ours, so every index backend can implement them alone"),
        new(P.VectorIndex, [P.Runtime, P.Caching], "the embedded index must not pull in the router, the ledger or the tokenizer data, nor the cache"),
        new(P.Qdrant, [P.Runtime, P.Caching], "the Qdrant backend must not pull in the router, the ledger or the tokenizer data, nor the cache"),
        new(P.SemanticKernel, Backends, "hosting packages do not choose a cache or an index for the user"),
        new(P.HostingAgentsAI, Backends, "hosting packages do not choose a cache or an index for the user"),
        new(P.OpenAI, Backends, "the model-endpoint package does not choose a cache or an index for the user"),
    ];

    private static string[] Others(string package) => [.. P.AssemblyNames.Where(n => n != package)];
}
