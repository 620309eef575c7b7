using Microsoft.CodeAnalysis;

namespace AgentFramework.Analyzers;

/// <summary>The descriptors of every AgentFramework rule (one per id in <see cref="RuleIdentifiers"/>).</summary>
public static class DiagnosticDescriptors
{
    /// <summary>Category of the rules that compare a step's bound model with its needs and budget.</summary>
    public const string CostCategory = "AgentFramework.Cost";

    /// <summary>Category of the rules about the model catalog itself.</summary>
    public const string CatalogCategory = "AgentFramework.Catalog";

    /// <summary>Category of the rules about how steps are declared.</summary>
    public const string DesignCategory = "AgentFramework.Design";

    /// <summary>Category of the cache-safety rules.</summary>
    public const string CachingCategory = "AgentFramework.Caching";

    /// <summary>AGF0001: over-provisioned model.</summary>
    public static readonly DiagnosticDescriptor OverProvisionedModel = Create(
        RuleIdentifiers.OverProvisionedModel,
        "Model is over-provisioned for the step's declared needs",
        "{0} is bound to '{1}' ({2}/{3} per 1M input/output tokens), {4}x the price of '{5}' ({6}/{7}), the cheapest model that meets its declared needs{8}",
        CostCategory,
        DiagnosticSeverity.Warning,
        "A step bound to a model far more expensive than the cheapest catalog model meeting every declared need pays for capability it says it does not use. Bind the cheaper model, or declare the need that justifies the expensive one. The threshold ratio is the .editorconfig option agentframework.overprovision_ratio (default 4).");

    /// <summary>AGF0002: under-provisioned model.</summary>
    public static readonly DiagnosticDescriptor UnderProvisionedModel = Create(
        RuleIdentifiers.UnderProvisionedModel,
        "Model does not meet the step's declared needs",
        "{0} is bound to '{1}', which does not meet its declared needs: {2}{3}",
        CostCategory,
        DiagnosticSeverity.Error,
        "The bound model lacks a capability level, an API feature (tool calling, structured output, vision) or the context window the step declares; calls will fail or answer badly.");

    /// <summary>AGF0003: unknown model id.</summary>
    public static readonly DiagnosticDescriptor UnknownModel = Create(
        RuleIdentifiers.UnknownModel,
        "Model id is not in the model catalog",
        "Model id '{0}' is not in the model catalog; closest catalog ids: {1}. Add it to an agentframework.models.json override if it is a new model.",
        CatalogCategory,
        DiagnosticSeverity.Warning,
        "Neither the analyzer nor the router knows the price or capabilities of a model that is not in the catalog. Fix the typo or describe the model in an agentframework.models.json AdditionalFile.");

    /// <summary>AGF0004: step without declared needs.</summary>
    public static readonly DiagnosticDescriptor StepWithoutNeeds = Create(
        RuleIdentifiers.StepWithoutNeeds,
        "Agent step declares no needs",
        "Step '{0}' declares no needs: add [Requires], [RequiresFeatures] or [MinContextWindow] so the analyzer and the router can right-size its model",
        DesignCategory,
        DiagnosticSeverity.Info,
        "Without declared needs every model qualifies: the router cannot pick a cheap one safely and the analyzer cannot tell whether a bound model is over- or under-provisioned.");

    /// <summary>AGF0005: over budget.</summary>
    public static readonly DiagnosticDescriptor OverBudget = Create(
        RuleIdentifiers.OverBudget,
        "Expected cost exceeds the step's budget",
        "Step '{0}' is expected to cost {1} per month on '{2}' ({3} calls/day, {4} input + {5} output tokens per call), over its budget of {6}{7}",
        CostCategory,
        DiagnosticSeverity.Warning,
        "[ExpectedVolume] times the price of the bound model (or, for an unbound step, of the cheapest sufficient model) exceeds [Budget]; at run time the budget policy would refuse or downgrade calls.");

    /// <summary>AGF0006: unsafe cache.</summary>
    public static readonly DiagnosticDescriptor UnsafeCache = Create(
        RuleIdentifiers.UnsafeCache,
        "Cached step may serve the wrong answer",
        "Step '{0}' is unsafe to cache: {1}",
        CachingCategory,
        DiagnosticSeverity.Warning,
        "A step with side effects must not be answered from a cache (the side effect would be skipped), and a cached step whose parameters identify a user or tenant must make that identifier part of the cache scope, or one user's answer is served to another.");

    /// <summary>AGF0007: malformed catalog override.</summary>
    public static readonly DiagnosticDescriptor InvalidCatalogOverride = Create(
        RuleIdentifiers.InvalidCatalogOverride,
        "Model catalog override is invalid",
        "The model catalog override '{0}' is invalid and was ignored: {1}",
        CatalogCategory,
        DiagnosticSeverity.Warning,
        "The agentframework.models.json AdditionalFile must use the catalog schema; until it does, the analyzer uses the embedded catalog only.");

    /// <summary>AGF0008: invalid step declaration.</summary>
    public static readonly DiagnosticDescriptor InvalidStepDeclaration = Create(
        RuleIdentifiers.InvalidStepDeclaration,
        "Step declaration is invalid",
        "Invalid step declaration: {0}",
        DesignCategory,
        DiagnosticSeverity.Error,
        "An AgentFramework attribute has a value the runtime cannot use (an undefined enum value, a non-positive budget or context window, a negative or non-finite volume, a threshold outside [0, 1], an empty step id, model id or cache-key name), two declarations conflict, or the step's cache scope cannot be formed. The runtime refuses such a step when its agent is resolved, with the same message.");

    /// <summary>Every descriptor, in id order.</summary>
    public static readonly System.Collections.Immutable.ImmutableArray<DiagnosticDescriptor> All = System.Collections.Immutable.ImmutableArray.Create(
        OverProvisionedModel,
        UnderProvisionedModel,
        UnknownModel,
        StepWithoutNeeds,
        OverBudget,
        UnsafeCache,
        InvalidCatalogOverride,
        InvalidStepDeclaration);

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description) =>
        new DiagnosticDescriptor(id, title, message, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLinks.For(id));
}
