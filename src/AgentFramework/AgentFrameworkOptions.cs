using System.ComponentModel.DataAnnotations;

namespace AgentFramework;

/// <summary>Options for the AgentFramework runtime (routing, catalog, ledger).</summary>
public sealed class AgentFrameworkOptions
{
    /// <summary>
    /// Path of a catalog override file (same schema as the embedded catalog, typically
    /// <c>agentframework.models.json</c>) merged over the embedded catalog by model id.
    /// <value>Defaults to <c>null</c>: the embedded catalog only.</value>
    /// </summary>
    public string? CatalogOverridePath { get; set; }

    /// <summary>
    /// How many other sufficient models a failed call may fall back to.
    /// <value>Defaults to 2.</value>
    /// </summary>
    [Range(0, 10)]
    public int MaxFallbacks { get; set; } = 2;

    /// <summary>
    /// The model a naive setup would use for every step, for "what it would have cost" figures.
    /// <value>Defaults to <c>null</c>: the step's bound model, else the most expensive registered model.</value>
    /// </summary>
    public string? BaselineModelId { get; set; }

    /// <summary>
    /// The window over which a step's <see cref="BudgetAttribute"/> is enforced.
    /// <value>Defaults to 30 days (a rolling month).</value>
    /// </summary>
    public TimeSpan BudgetWindow { get; set; } = TimeSpan.FromDays(30);
}
