namespace AgentFramework.Ledger;

/// <summary>How the ledger counts one cache lookup: served (and from which tier) or not (and why not).</summary>
/// <remarks>
/// The ledger's own accounting categories, one per counter of <see cref="LedgerLine"/>. A cache maps its own
/// outcome onto them, so the runtime needs no type of the cache package.
/// </remarks>
public enum CacheLookupResult
{
    /// <summary>Not served: nothing similar enough was stored; the request went upstream (counted in <see cref="LedgerLine.Misses"/>).</summary>
    Miss = 0,

    /// <summary>Served from the exact tier (counted in <see cref="LedgerLine.ExactHits"/>).</summary>
    ExactHit = 1,

    /// <summary>Served from the semantic tier (counted in <see cref="LedgerLine.SemanticHits"/>).</summary>
    SemanticHit = 2,

    /// <summary>Not served: a candidate was found but rejected; the request went upstream (counted in <see cref="LedgerLine.Vetoes"/>).</summary>
    Vetoed = 3,

    /// <summary>Not served: the cache was not consulted (counted in <see cref="LedgerLine.Bypasses"/>).</summary>
    Bypassed = 4,
}
