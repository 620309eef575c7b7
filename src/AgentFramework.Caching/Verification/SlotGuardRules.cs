namespace AgentFramework.Caching.Verification;

/// <summary>The rules of <see cref="SlotGuardVerifier"/>, each named by the veto reason it reports.</summary>
[Flags]
public enum SlotGuardRules
{
    /// <summary>No rule.</summary>
    None = 0,

    /// <summary><c>slot-mismatch</c>: the numbers and identifiers (with their units) differ.</summary>
    SlotMismatch = 1 << 0,

    /// <summary><c>negation</c>: one request is negated, the other not.</summary>
    Negation = 1 << 1,

    /// <summary><c>antonym</c>: an antonym, a prefix opposite ("lock"/"unlock") or an opposite on/off action.</summary>
    Antonym = 1 << 2,

    /// <summary><c>time-mismatch</c>: both name a relative time, and the times differ.</summary>
    TimeMismatch = 1 << 3,

    /// <summary><c>name-mismatch</c>: each side has a capitalized name the other lacks.</summary>
    NameMismatch = 1 << 4,

    /// <summary><c>place-qualifier</c>: a place or organisation added as a qualifier on one side only ("… in Germany").</summary>
    PlaceQualifier = 1 << 5,

    /// <summary><c>substitution</c>: otherwise identical requests differ in one content word.</summary>
    Substitution = 1 << 6,

    /// <summary><c>word-order</c>: the same words in another, asymmetric order ("A to B" / "B to A").</summary>
    WordOrder = 1 << 7,

    /// <summary><c>direction</c>: the same word is where one request goes to and where the other comes from ("send $40 to Alex" / "request $40 from Alex").</summary>
    Direction = 1 << 8,

    /// <summary>Every rule.</summary>
    All = SlotMismatch | Negation | Antonym | TimeMismatch | NameMismatch | PlaceQualifier | Substitution | WordOrder | Direction,
}
