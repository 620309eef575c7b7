namespace AgentFramework.Analyzers;

/// <summary>
/// Every diagnostic id the AgentFramework analyzers report, in one place so ids are never reused.
/// </summary>
/// <remarks>
/// Ranges: AGF0001–AGF0099 model fit, cost and caching rules of agent steps; AGF0100 and up are
/// reserved for future categories. Each id has a page <c>analyzers/docs/{id}.md</c>.
/// </remarks>
internal static class RuleIdentifiers
{
    /// <summary>The bound model costs at least N times the cheapest model that meets the step's needs.</summary>
    public const string OverProvisionedModel = "AGF0001";

    /// <summary>The bound model lacks a declared capability level, feature or context window.</summary>
    public const string UnderProvisionedModel = "AGF0002";

    /// <summary>The bound model id is neither a catalog id nor an alias.</summary>
    public const string UnknownModel = "AGF0003";

    /// <summary>The step declares no needs, so nothing can right-size its model.</summary>
    public const string StepWithoutNeeds = "AGF0004";

    /// <summary>Declared volume times the model's price exceeds the step's budget.</summary>
    public const string OverBudget = "AGF0005";

    /// <summary>A cached step with side effects, or with a user/tenant identifier outside the cache scope.</summary>
    public const string UnsafeCache = "AGF0006";

    /// <summary>The <c>agentframework.models.json</c> catalog override cannot be read.</summary>
    public const string InvalidCatalogOverride = "AGF0007";

    /// <summary>A step attribute has an invalid or conflicting value; the runtime would refuse the step at startup.</summary>
    public const string InvalidStepDeclaration = "AGF0008";
}
