using Microsoft.CodeAnalysis;

namespace AgentFramework.Analyzers;

/// <summary>
/// The attribute and settings types the analyzer recognises, looked up by full metadata name once
/// per compilation (the analyzer never references AgentFramework assemblies).
/// </summary>
internal sealed class KnownSymbols
{
    private KnownSymbols(Compilation compilation)
    {
        AgentStep = compilation.GetTypeByMetadataName("AgentFramework.AgentStepAttribute");
        Requires = compilation.GetTypeByMetadataName("AgentFramework.RequiresAttribute");
        RequiresFeatures = compilation.GetTypeByMetadataName("AgentFramework.RequiresFeaturesAttribute");
        MinContextWindow = compilation.GetTypeByMetadataName("AgentFramework.MinContextWindowAttribute");
        UseModel = compilation.GetTypeByMetadataName("AgentFramework.UseModelAttribute");
        ExpectedVolume = compilation.GetTypeByMetadataName("AgentFramework.ExpectedVolumeAttribute");
        Budget = compilation.GetTypeByMetadataName("AgentFramework.BudgetAttribute");
        SemanticCache = compilation.GetTypeByMetadataName("AgentFramework.SemanticCacheAttribute");
        NoCache = compilation.GetTypeByMetadataName("AgentFramework.NoCacheAttribute");
        CacheKey = compilation.GetTypeByMetadataName("AgentFramework.CacheKeyAttribute");
        CacheScope = compilation.GetTypeByMetadataName("AgentFramework.CacheScopeAttribute");
        HasSideEffects = compilation.GetTypeByMetadataName("AgentFramework.HasSideEffectsAttribute");
        KernelFunction = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.KernelFunctionAttribute");
        ChatOptions = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatOptions");
        PromptExecutionSettings = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.PromptExecutionSettings");
    }

    public INamedTypeSymbol? AgentStep { get; }

    public INamedTypeSymbol? Requires { get; }

    public INamedTypeSymbol? RequiresFeatures { get; }

    public INamedTypeSymbol? MinContextWindow { get; }

    public INamedTypeSymbol? UseModel { get; }

    public INamedTypeSymbol? ExpectedVolume { get; }

    public INamedTypeSymbol? Budget { get; }

    public INamedTypeSymbol? SemanticCache { get; }

    public INamedTypeSymbol? NoCache { get; }

    public INamedTypeSymbol? CacheKey { get; }

    public INamedTypeSymbol? CacheScope { get; }

    public INamedTypeSymbol? HasSideEffects { get; }

    public INamedTypeSymbol? KernelFunction { get; }

    public INamedTypeSymbol? ChatOptions { get; }

    public INamedTypeSymbol? PromptExecutionSettings { get; }

    /// <summary>False when the compilation cannot contain a step: nothing to analyze.</summary>
    public bool CanContainSteps => AgentStep != null || (KernelFunction != null && Requires != null);

    public static KnownSymbols Create(Compilation compilation) => new KnownSymbols(compilation);

    /// <summary>True for one of our attributes that marks a [KernelFunction] as a step.</summary>
    public bool IsOurs(INamedTypeSymbol? attributeClass) =>
        attributeClass != null && (
            Is(attributeClass, AgentStep) || Is(attributeClass, Requires) || Is(attributeClass, RequiresFeatures) ||
            Is(attributeClass, MinContextWindow) || Is(attributeClass, UseModel) || Is(attributeClass, ExpectedVolume) ||
            Is(attributeClass, Budget) || Is(attributeClass, SemanticCache) || Is(attributeClass, NoCache) ||
            Is(attributeClass, HasSideEffects));

    public static bool Is(INamedTypeSymbol? candidate, INamedTypeSymbol? known) =>
        candidate != null && known != null && SymbolEqualityComparer.Default.Equals(candidate, known);

    /// <summary>True when <paramref name="type"/> is <paramref name="baseType"/> or derives from it.</summary>
    public static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType == null)
        {
            return false;
        }

        for (var t = type; t != null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
