using Microsoft.Extensions.Logging;

namespace AgentFramework.Caching.Verification;

/// <summary>The built-in hit decision: the slot-guard rules that still pay their way, then the trained pair model.</summary>
/// <remarks>
/// Each slot-guard rule was re-decided by its net effect per evaluation set once the pair model was in place (the
/// CacheQuality harness's <c>rules</c> command; figures in its README): rules that vetoed more true paraphrases than
/// false ones on general traffic were dropped, and the model learns those slots from generated data instead.
/// </remarks>
internal static class DefaultVerifierSet
{
    /// <summary>The slot-guard rules kept as vetoes in front of the pair model.</summary>
    public const SlotGuardRules KeptSlotGuardRules = SlotGuardRules.All & ~SoftSlotGuardRules;

    /// <summary>The slot-guard rules that raise the pair model's bar instead of vetoing.</summary>
    public const SlotGuardRules SoftSlotGuardRules = SlotGuardRules.None;

    /// <summary>How much the bar rises when a soft rule fires.</summary>
    public const double SoftRuleMargin = 0.0;

    /// <summary>The pair model's bar for a candidate the lexical verifier vetoed (the model overrules it when this sure).</summary>
    public const double OverruleMinScore = 1.0;

    public static ICacheHitVerifier[] Create(ILogger? logger) =>
    [
        new SlotGuardVerifier(KeptSlotGuardRules),
        new PairModelVerifier(logger, minScore: OverruleMinScore)
        {
            SoftRules = SoftSlotGuardRules,
            SoftRuleMargin = SoftRuleMargin,
            Lexical = new LearnedHitVerifier(),
        },
    ];
}
