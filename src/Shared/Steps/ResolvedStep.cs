using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AgentFramework.Catalog;

namespace AgentFramework.Steps.Resolution;

/// <summary>What one method declares as a step, resolved by <see cref="StepDeclarationResolver"/>.</summary>
internal sealed class ResolvedStep
{
    /// <summary>True when the method is a step: <c>[AgentStep]</c> on it, a method it overrides or an interface method it implements; or a <c>[KernelFunction]</c> with our attributes.</summary>
    public bool IsStep { get; set; }

    /// <summary>True when <c>[AgentStep]</c> or <c>[KernelFunction]</c> is written on the method itself (not inherited): the step's declaration site.</summary>
    public bool DeclaresStep { get; set; }

    /// <summary>The step id.</summary>
    public string StepId { get; set; } = string.Empty;

    /// <summary>The description, or <c>null</c>.</summary>
    public string? Description { get; set; }

    /// <summary>Capability levels, features, context window and token mix.</summary>
    public ModelNeeds Needs { get; set; } = ModelNeeds.None;

    /// <summary>The bound model id, or <c>null</c>.</summary>
    public string? BoundModelId { get; set; }

    /// <summary>The <c>[UseModel]</c> that binds the step, or <c>null</c>.</summary>
    public StepAttributeData? Binding { get; set; }

    /// <summary>Where <see cref="Binding"/> is written.</summary>
    public StepSite BindingSite { get; set; }

    /// <summary>True when <c>[ExpectedVolume]</c> applies.</summary>
    public bool HasVolume { get; set; }

    /// <summary>Expected calls per day.</summary>
    public double CallsPerDay { get; set; }

    /// <summary>Typical input tokens per call.</summary>
    public int InputTokens { get; set; }

    /// <summary>Typical output tokens per call.</summary>
    public int OutputTokens { get; set; }

    /// <summary>The monthly budget in US dollars, or <c>null</c>.</summary>
    public double? BudgetUsdPerMonth { get; set; }

    /// <summary>The budget policy (<c>BudgetPolicy</c> value: 0 refuse, 1 downgrade).</summary>
    public int BudgetPolicy { get; set; }

    /// <summary>The <c>[Budget]</c> that applies, or <c>null</c>.</summary>
    public StepAttributeData? BudgetAttribute { get; set; }

    /// <summary>Where <see cref="BudgetAttribute"/> is written.</summary>
    public StepSite BudgetSite { get; set; }

    /// <summary>False when <c>[NoCache]</c> or <c>[HasSideEffects]</c> applies.</summary>
    public bool CacheEnabled { get; set; } = true;

    /// <summary>True when semantic hits are allowed.</summary>
    public bool CacheSemantic { get; set; } = true;

    /// <summary>The step's similarity threshold, or <c>null</c> for the cache default.</summary>
    public double? CacheThreshold { get; set; }

    /// <summary>The step's time to live in seconds, or <c>null</c> for the cache default.</summary>
    public int? CacheTtlSeconds { get; set; }

    /// <summary>True when <c>[SemanticCache]</c> applies and caching is enabled.</summary>
    public bool CacheExplicit { get; set; }

    /// <summary>The <c>[SemanticCache]</c> that applies (whether or not caching is enabled), or <c>null</c>.</summary>
    public StepAttributeData? SemanticCache { get; set; }

    /// <summary>Where <see cref="SemanticCache"/> is written.</summary>
    public StepSite SemanticCacheSite { get; set; }

    /// <summary>True when <c>[NoCache]</c> applies.</summary>
    public bool NoCache { get; set; }

    /// <summary>True when <c>[HasSideEffects]</c> applies.</summary>
    public bool HasSideEffects { get; set; }

    /// <summary>Parameters whose values are part of the cache scope.</summary>
    public IReadOnlyList<ResolvedScopeParameter> ScopeParameters { get; set; } = new ResolvedScopeParameter[0];

    /// <summary>Invalid or conflicting declarations (the attributes concerned are ignored).</summary>
    public IReadOnlyList<StepDeclarationError> Errors { get; set; } = new StepDeclarationError[0];

    /// <summary>True when <c>[SemanticCache]</c> applies and <c>[NoCache]</c> does not (side effects aside).</summary>
    public bool IsCached => SemanticCache != null && !NoCache;

    /// <summary>True when the runtime cache would front the step: no <c>[NoCache]</c>, no <c>[HasSideEffects]</c>.</summary>
    public bool IsCacheable => !NoCache && !HasSideEffects;

    /// <summary>
    /// A canonical, culture-invariant text of everything resolved: equal for equal resolutions, whichever
    /// adapter produced them (the cross-adapter test compares these).
    /// </summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append("step=").Append(IsStep ? "yes" : "no");
        sb.Append("; own=").Append(DeclaresStep ? "yes" : "no");
        sb.Append("; id=").Append(StepId);
        sb.Append("; description=").Append(Description ?? "-");
        sb.Append("; needs=").Append(Needs.ToString());
        sb.Append("; tokens=").Append(Needs.TypicalInputTokens.ToString(CultureInfo.InvariantCulture)).Append('/').Append(Needs.TypicalOutputTokens.ToString(CultureInfo.InvariantCulture));
        sb.Append("; bound=").Append(BoundModelId == null ? "-" : BoundModelId + "@" + BindingSite);
        sb.Append("; volume=").Append(HasVolume
            ? StepText.Number(CallsPerDay) + "/" + InputTokens.ToString(CultureInfo.InvariantCulture) + "/" + OutputTokens.ToString(CultureInfo.InvariantCulture)
            : "-");
        sb.Append("; budget=").Append(BudgetUsdPerMonth.HasValue
            ? StepText.Number(BudgetUsdPerMonth.Value) + (BudgetPolicy == 1 ? " downgrade" : " refuse") + "@" + BudgetSite
            : "-");
        sb.Append("; cache=");
        if (!CacheEnabled)
        {
            sb.Append("off");
        }
        else
        {
            sb.Append(CacheSemantic ? "semantic" : "exact");
            sb.Append(" threshold=").Append(CacheThreshold.HasValue ? StepText.Number(CacheThreshold.Value) : "default");
            sb.Append(" ttl=").Append(CacheTtlSeconds.HasValue ? CacheTtlSeconds.Value.ToString(CultureInfo.InvariantCulture) : "default");
            sb.Append(CacheExplicit ? " explicit" : " implicit");
        }

        sb.Append("; semanticCache=").Append(SemanticCache == null ? "-" : SemanticCacheSite.ToString());
        sb.Append("; noCache=").Append(NoCache ? "yes" : "no");
        sb.Append("; sideEffects=").Append(HasSideEffects ? "yes" : "no");
        sb.Append("; scope=").Append(ScopeParameters.Count == 0
            ? "-"
            : string.Join(",", ScopeParameters.Select(p =>
                (p.IsTenantScope ? "tenant:" : "key:") + p.ScopeField + "<-" + p.ParameterName + "#" + p.Position.ToString(CultureInfo.InvariantCulture))));
        sb.Append("; errors=").Append(Errors.Count == 0 ? "-" : "[" + string.Join(" | ", Errors.Select(e => e.Message)) + "]");
        return sb.ToString();
    }
}
