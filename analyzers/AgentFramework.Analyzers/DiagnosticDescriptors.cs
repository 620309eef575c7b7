using System.Collections.Immutable;
using AgentFramework.Analyzers.Rules;
using Microsoft.CodeAnalysis;

namespace AgentFramework.Analyzers;

/// <summary>
/// The registry of every AgentFramework rule: the categories, the one way a descriptor is built (so every rule
/// gets its help link the same way) and the full list in id order. Each descriptor itself is declared beside the
/// analyzer that reports it, in <c>Rules/</c>.
/// </summary>
internal static class DiagnosticDescriptors
{
    /// <summary>Category of the rules that compare a step's bound model with its needs and budget.</summary>
    public const string CostCategory = "AgentFramework.Cost";

    /// <summary>Category of the rules about the model catalog itself.</summary>
    public const string CatalogCategory = "AgentFramework.Catalog";

    /// <summary>Category of the rules about how steps are declared.</summary>
    public const string DesignCategory = "AgentFramework.Design";

    /// <summary>Category of the cache-safety rules.</summary>
    public const string CachingCategory = "AgentFramework.Caching";

    /// <summary>Every descriptor, in id order (one per id in <see cref="RuleIdentifiers"/>).</summary>
    /// <remarks>
    /// Computed on each call, not held in a static field: the analyzers' descriptor fields call <see cref="Create"/>
    /// while they initialize, and a field here would let a type initializer read one of them before it is set.
    /// </remarks>
    public static ImmutableArray<DiagnosticDescriptor> All => ImmutableArray.Create(
        ModelBindingAnalyzer.OverProvisionedModel,
        ModelBindingAnalyzer.UnderProvisionedModel,
        ModelBindingAnalyzer.UnknownModel,
        StepDeclarationAnalyzer.StepWithoutNeeds,
        BudgetAnalyzer.OverBudget,
        CacheSafetyAnalyzer.UnsafeCache,
        CatalogOverrideAnalyzer.InvalidCatalogOverride,
        StepDeclarationAnalyzer.InvalidStepDeclaration);

    /// <summary>Builds an enabled-by-default descriptor whose help link is the rule's page.</summary>
    public static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description) =>
        new DiagnosticDescriptor(id, title, message, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLinks.For(id));
}
