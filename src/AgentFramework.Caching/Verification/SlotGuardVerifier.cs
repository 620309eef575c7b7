using System.Collections.Frozen;

namespace AgentFramework.Caching.Verification;

/// <summary>
/// Vetoes near-duplicates that differ in a slot: a number or identifier (with its unit), a negation present in
/// one only, an antonym or opposite on/off action, opposite directions, a name, a place added as a qualifier on one side, a different
/// relative time ("last week" / "this week"), a one-word substitution of a content word, or a swap of word order.
/// </summary>
/// <remarks>
/// These are the edits that keep embedding similarity high (0.86–0.99 for all-MiniLM-L6-v2) while changing
/// the answer. The rules are deliberately lexical and language-agnostic where possible (digits, casing,
/// word order); the negation, antonym and synonym lists are English.
/// </remarks>
public sealed class SlotGuardVerifier : ICacheHitVerifier
{
    private static readonly string[] AntonymPairs =
    [
        "add/remove", "add/delete", "start/stop", "start/end", "begin/end", "open/close", "on/off", "true/false",
        "min/max", "minimum/maximum", "buy/sell", "before/after", "above/below", "high/low", "higher/lower",
        "highest/lowest", "more/less", "more/fewer", "most/least", "best/worst", "better/worse", "first/last",
        "win/lose", "fast/slow", "faster/slower", "big/small", "large/small", "bigger/smaller", "larger/smaller",
        "long/short", "longer/shorter", "hot/cold", "old/new", "young/old", "positive/negative", "male/female",
        "men/women", "man/woman", "boy/girl", "allow/deny", "allow/block", "accept/reject", "approve/reject",
        "show/hide", "push/pull", "input/output", "left/right", "up/down", "get/set", "read/write", "send/receive",
        "ascending/descending", "asc/desc", "expand/collapse", "love/hate", "rich/poor", "cheap/expensive",
        "easy/hard", "easy/difficult", "good/bad", "strong/weak", "light/dark", "light/heavy", "success/failure",
        "pass/fail", "private/public", "internal/external", "inner/outer", "client/server", "north/south",
        "east/west", "day/night", "morning/evening", "today/tomorrow", "yesterday/tomorrow", "yes/no",
        "always/never", "same/different", "horizontal/vertical", "sync/async", "static/dynamic", "join/leave",
        "merge/split", "upper/lower", "uppercase/lowercase", "inside/outside", "in/out", "import/export",
        "upload/download", "increase/decrease", "increment/decrement", "enable/disable", "encrypt/decrypt",
        "include/exclude", "maximize/minimize", "win/loss", "profit/loss", "gain/loss", "asset/liability",
        "debit/credit", "lend/borrow", "give/take", "sender/recipient", "parent/child", "row/column",
        "front/back", "frontend/backend", "top/bottom", "head/tail", "prefix/suffix", "local/remote",
        "online/offline", "absolute/relative", "plural/singular", "rise/fall", "arrive/depart", "arrival/departure",
        "import/export", "inbound/outbound", "incoming/outgoing", "offense/defense", "attack/defend",
        "celsius/fahrenheit", "kg/lb", "km/mile", "mac/windows", "linux/windows", "android/ios", "iphone/android",
        "python/java", "python/javascript", "java/javascript", "sql/nosql", "ceo/cto", "husband/wife",
        "father/mother", "son/daughter", "brother/sister", "cat/dog", "summer/winter", "spring/autumn",
        "average/total", "average/sum", "mean/total", "mean/sum", "median/mean", "median/average", "cancel/reschedule",
        "cancel/postpone", "cancel/move", "cancelled/moved", "cancel/delay", "shorten/expand",
        "shorten/lengthen", "condense/expand",
    ];

    private static readonly string[] SynonymPairs =
    [
        "fast/quick", "quickly/fast", "buy/purchase", "big/large", "start/begin", "end/finish", "car/vehicle",
        "movie/film", "pick/choose", "choose/select", "help/assist", "job/work", "find/locate", "fix/repair",
        "error/bug", "make/create", "build/create", "remove/delete", "shut/close", "learn/study", "cheap/inexpensive",
        "simple/easy", "correct/right", "wrong/incorrect", "sum/total", "speed/velocity", "app/application",
        "program/software", "doc/document", "pic/picture", "photo/picture", "website/site", "kid/child",
        "children/kids", "happy/glad", "smart/intelligent", "rich/wealthy", "begin/commence", "tip/advice",
        "method/way", "approach/method", "idea/concept", "benefit/advantage", "issue/problem", "dangerous/harmful",
        "happen/occur", "show/display", "need/require", "want/wish", "big/huge", "little/small", "tiny/small",
    ];

    private static readonly string[] Prefixes = ["un", "dis", "de", "in", "im", "il", "ir", "en", "ex", "non", "anti", "up", "down", "over", "under", "pre", "post", "a"];

    // Only these turn a bare word into its opposite ("lock"/"unlock", "valid"/"invalid"); the others oppose another
    // prefix ("upload"/"download", "import"/"export") but not the bare word ("upload"/"load", "preprocess"/"process").
    private static readonly FrozenSet<string> NegatingPrefixes = FrozenSet.ToFrozenSet(["un", "dis", "de", "in", "im", "il", "ir", "non", "anti"], StringComparer.Ordinal);

    // Requests that switch something on versus off are often phrased with different words on each side
    // ("enable auto-renewal" / "turn off auto-renewal"), which no antonym pair lists: compare polarity instead.
    private static readonly FrozenSet<string> SwitchOn = BuildSet(
        ["enable", "enabled", "on", "activate", "activated", "start", "resume", "subscribe", "allow", "unblock", "unlock", "unpause", "reactivate", "restore", "install", "include", "show", "unmute", "opt-in"]);

    private static readonly FrozenSet<string> SwitchOff = BuildSet(
        ["disable", "disabled", "off", "deactivate", "deactivated", "stop", "pause", "suspend", "unsubscribe", "cancel", "deny", "block", "lock", "uninstall", "exclude", "hide", "mute", "opt-out"]);

    private static readonly FrozenSet<string> SessionVerbs = FrozenSet.ToFrozenSet(["log", "sign", "check", "opt", "clock"], StringComparer.Ordinal);

    // A session verb closed up with its particle ("checkout", "login") is the verb and the particle: "check-in" /
    // "checkout" and "log in" / "logout" are opposites the way "check in" / "check out" are.
    private static readonly FrozenDictionary<string, (string Head, string Particle)> SessionCompounds =
        new Dictionary<string, (string, string)>
        {
            ["checkin"] = ("check", "in"), ["checkout"] = ("check", "out"), ["login"] = ("log", "in"), ["logout"] = ("log", "out"),
            ["signin"] = ("sign", "in"), ["signout"] = ("sign", "out"),
        }.ToFrozenDictionary(pair => TextFeatures.Stem(pair.Key), pair => pair.Value, StringComparer.Ordinal);

    private static readonly FrozenSet<string> Antonyms = BuildPairs(AntonymPairs);
    private static readonly FrozenSet<string> Synonyms = BuildPairs(SynonymPairs);

    private static readonly FrozenSet<string> SymmetricMarkers = FrozenSet.ToFrozenSet(["and", "or", "vs", "versus", "between", "&", "with", "compare", "compared", "comparison"], StringComparer.Ordinal);

    // Auxiliaries come and go when a question is reworded ("Who does Priya report to?" / "Who reports to Priya?"),
    // so the word-order check compares requests without them.
    private static readonly FrozenSet<string> Auxiliaries = FrozenSet.ToFrozenSet(
        ["do", "does", "did", "is", "are", "was", "were", "be", "been", "am", "has", "have", "had", "will", "would", "can", "could", "should", "shall", "may", "might", "must"],
        StringComparer.Ordinal);

    // Relative time references: "last week" and "this week" ask for different data although only a stop word differs.
    private static readonly FrozenDictionary<string, string> TimeDeictics = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["last"] = "last", ["previous"] = "last", ["past"] = "last", ["prior"] = "last", ["this"] = "this", ["current"] = "this",
        ["next"] = "next", ["coming"] = "next", ["upcoming"] = "next", ["following"] = "next",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> TimeUnits = FrozenSet.ToFrozenSet(
        ["week", "weeks", "month", "months", "year", "years", "quarter", "quarters", "day", "days", "night", "morning", "afternoon", "evening", "weekend", "sprint", "semester", "season", "hour", "hours", "release", "cycle", "period", "fiscal"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> TimeWords = FrozenSet.ToFrozenSet(["today", "tomorrow", "yesterday", "tonight"], StringComparer.Ordinal);

    private readonly SlotGuardRules _rules;

    /// <summary>Creates the verifier with every rule.</summary>
    public SlotGuardVerifier()
        : this(SlotGuardRules.All)
    {
    }

    /// <summary>Creates the verifier with the given rules only.</summary>
    /// <param name="rules">The rules that may veto.</param>
    public SlotGuardVerifier(SlotGuardRules rules) => _rules = rules;

    /// <summary>The shared instance with every rule (the verifier is stateless).</summary>
    public static SlotGuardVerifier Instance { get; } = new();

    /// <summary>The rules this instance applies.</summary>
    public SlotGuardRules Rules => _rules;

    /// <inheritdoc />
    public string Name => "slot-guard";

    /// <inheritdoc />
    public CacheVerdict Verify(in CacheHitCandidate candidate)
    {
        var reason = Check(TextFeatures.Of(candidate.Prompt), TextFeatures.Of(candidate.CachedPrompt), _rules);
        return reason is null ? CacheVerdict.Accept : CacheVerdict.Veto(reason);
    }

    /// <summary>The veto reason for a pair, or <c>null</c> when no slot differs.</summary>
    internal static string? Check(TextFeatures a, TextFeatures b) => Check(a, b, SlotGuardRules.All);

    /// <summary>The first veto reason among <paramref name="rules"/> for a pair, or <c>null</c> when none applies.</summary>
    internal static string? Check(TextFeatures a, TextFeatures b, SlotGuardRules rules)
    {
        if ((rules & SlotGuardRules.SlotMismatch) != 0 && !SameSlots(a, b))
        {
            return "slot-mismatch";
        }

        if ((rules & SlotGuardRules.Negation) != 0 && (a.NegationCount > 0) != (b.NegationCount > 0)
            && DeniesWhatTheOtherSays(a.NegationCount > 0 ? a : b, a.NegationCount > 0 ? b : a))
        {
            return "negation";
        }

        if ((rules & SlotGuardRules.Antonym) != 0 && OppositeBounds(a, b))
        {
            return "antonym";
        }

        var aOnly = Difference(a.Stems, b.Stems);
        var bOnly = Difference(b.Stems, a.Stems);
        if ((rules & SlotGuardRules.Antonym) != 0 && aOnly.Count > 0 && bOnly.Count > 0)
        {
            if (OppositeSessionCompound(a, aOnly, b, bOnly))
            {
                return "antonym";
            }

            foreach (var x in aOnly)
            {
                if (a.Prepositional.Contains(x))
                {
                    continue;
                }

                foreach (var y in bOnly)
                {
                    if (b.Prepositional.Contains(y))
                    {
                        continue;
                    }

                    if (IsInOut(x, y) && !SameHead(a, x, b, y))
                    {
                        continue;
                    }

                    if (Antonyms.Contains(x + "/" + y) || IsPrefixOpposite(x, y) || OppositePolarity(x, y))
                    {
                        return "antonym";
                    }
                }
            }
        }

        if ((rules & SlotGuardRules.Direction) != 0 && OppositeDirections(a, b))
        {
            return "direction";
        }

        // Only when both sides name a time: a one-sided "I moved last month" is usually context, not the question's scope.
        var aTimes = TimeReferences(a);
        var bTimes = TimeReferences(b);
        if ((rules & SlotGuardRules.TimeMismatch) != 0 && aTimes.Count > 0 && bTimes.Count > 0 && !SameMultiset(aTimes, bTimes))
        {
            return "time-mismatch";
        }

        var aNames = Difference(a.Names, b.Stems);
        var bNames = Difference(b.Names, a.Stems);
        if ((rules & SlotGuardRules.NameMismatch) != 0 && aNames.Count > 0 && bNames.Count > 0)
        {
            return "name-mismatch";
        }

        // A place or organisation added as a qualifier on one side only ("… do employees in Germany get") narrows the question.
        if ((rules & SlotGuardRules.PlaceQualifier) != 0 && (HasLocativeName(a, aNames) || HasLocativeName(b, bNames)))
        {
            return "place-qualifier";
        }

        // One-word substitution between otherwise identical requests ("to Canada" / "to Mexico"): same length, one
        // aligned position differs, and that position holds a content word on both sides.
        if ((rules & SlotGuardRules.Substitution) != 0 && a.Tokens.Count == b.Tokens.Count && a.Tokens.Count >= 2)
        {
            var differing = -1;
            var count = 0;
            for (var i = 0; i < a.Tokens.Count; i++)
            {
                if (!string.Equals(a.Stems[i], b.Stems[i], StringComparison.Ordinal))
                {
                    differing = i;
                    count++;
                }
            }

            if (count == 1)
            {
                var x = a.Stems[differing];
                var y = b.Stems[differing];
                if (!TextFeatures.IsStopWord(a.Tokens[differing]) && !TextFeatures.IsStopWord(b.Tokens[differing]) && !Synonyms.Contains(x + "/" + y) && !AreVariants(x, y))
                {
                    return "substitution";
                }
            }
        }

        // Word-order swap ("list to dict" / "dict to list", "from Seattle to Vancouver" / "from Vancouver to Seattle"): the
        // same words in another order — unless the swapped words are joined symmetrically ("A and B", "A vs B").
        if ((rules & SlotGuardRules.WordOrder) != 0 && a.ContentStems.Count >= 2 && SameMultiset(WithoutAuxiliaries(a), WithoutAuxiliaries(b)) && !a.ContentStems.SequenceEqual(b.ContentStems)
            && HasAsymmetricSwap(a, b))
        {
            return "word-order";
        }

        return null;
    }

    private static readonly FrozenSet<string> Locatives = FrozenSet.ToFrozenSet(["in", "for", "from", "at", "near", "within", "across", "outside"], StringComparer.Ordinal);

    private static bool HasLocativeName(TextFeatures f, List<string> unmatchedNames)
    {
        if (unmatchedNames.Count == 0)
        {
            return false;
        }

        for (var i = 1; i < f.Tokens.Count; i++)
        {
            if (Locatives.Contains(f.Tokens[i - 1]) && unmatchedNames.Contains(f.Stems[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> WithoutAuxiliaries(TextFeatures f)
    {
        var result = new List<string>(f.Stems.Count);
        for (var i = 0; i < f.Stems.Count; i++)
        {
            if (!Auxiliaries.Contains(f.Tokens[i]))
            {
                result.Add(f.Stems[i]);
            }
        }

        return result;
    }

    /// <summary>"last week", "next month", "today": the relative time references of a request, normalized.</summary>
    private static List<string> TimeReferences(TextFeatures f)
    {
        var result = new List<string>();
        for (var i = 0; i < f.Tokens.Count; i++)
        {
            var token = f.Tokens[i];
            if (TimeWords.Contains(token))
            {
                result.Add(token);
            }
            else if (TimeDeictics.TryGetValue(token, out var deictic) && i + 1 < f.Tokens.Count && TimeUnits.Contains(f.Tokens[i + 1]))
            {
                result.Add(deictic + " " + TextFeatures.Stem(f.Tokens[i + 1]));
            }
        }

        return result;
    }

    /// <summary>
    /// True when two content words appear in opposite orders in the two requests and, in the first, are not joined by a
    /// symmetric marker ("and", "or", "vs", …) within a few words of each other.
    /// </summary>
    private static bool HasAsymmetricSwap(TextFeatures a, TextFeatures b)
    {
        // First positions once, so a long request costs O(words + content words²), not a scan per pair.
        var aFirst = FirstPositions(a.Stems);
        var bFirst = FirstPositions(b.Stems);
        var positions = a.ContentStems.Distinct(StringComparer.Ordinal)
            .Where(bFirst.ContainsKey)
            .Select(w => (A: aFirst[w], B: bFirst[w]))
            .ToList();
        for (var i = 0; i < positions.Count; i++)
        {
            for (var j = i + 1; j < positions.Count; j++)
            {
                var (ax, bx) = positions[i];
                var (ay, by) = positions[j];
                if ((ax < ay) == (bx < by))
                {
                    continue;
                }

                var from = Math.Min(ax, ay);
                var to = Math.Max(ax, ay);

                // Joined nearby ("A and B", "A vs B"), or introduced as a pair ("between A and B", "compare A with B").
                var symmetric = from > 0 && SymmetricMarkers.Contains(a.Tokens[from - 1]);
                for (var k = from + 1; k < to && to - from <= 4 && !symmetric; k++)
                {
                    symmetric = SymmetricMarkers.Contains(a.Tokens[k]);
                }

                if (!symmetric)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static Dictionary<string, int> FirstPositions(IReadOnlyList<string> stems)
    {
        var first = new Dictionary<string, int>(stems.Count, StringComparer.Ordinal);
        for (var i = 0; i < stems.Count; i++)
        {
            first.TryAdd(stems[i], i);
        }

        return first;
    }

    // "over $1,000" / "under 1000 dollars": the same value bounded from below on one side and from above on the other.
    private static bool OppositeBounds(TextFeatures a, TextFeatures b)
    {
        foreach (var (x, xMinimum) in a.Bounds)
        {
            foreach (var (y, yMinimum) in b.Bounds)
            {
                if (xMinimum != yMinimum && SameNumber(x, a, y, b))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool SameNumber(string x, TextFeatures a, string y, TextFeatures b) =>
        x == y || (SlotValue.TryParse(x, a, out var xValue) && SlotValue.TryParse(y, b, out var yValue) && xValue.Matches(yValue));

    // "Send $40 to Alex" / "request $40 from Alex", "move money into savings" / "… from my savings": the same word is
    // the destination on one side and the source on the other (and not both on either side: "from A to B" / "to B from A").
    private static bool OppositeDirections(TextFeatures a, TextFeatures b)
    {
        foreach (var (towards, target) in a.Directions)
        {
            if (b.Directions.Contains((!towards, target)) && !b.Directions.Contains((towards, target)) && !a.Directions.Contains((!towards, target)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool OppositeSessionCompound(TextFeatures a, List<string> aOnly, TextFeatures b, List<string> bOnly)
    {
        foreach (var x in aOnly)
        {
            foreach (var y in bOnly)
            {
                // Every compound's verb is a session verb, so any two compounds pair up (SameSessionHead).
                if (SessionCompounds.TryGetValue(x, out var px) && SessionCompounds.TryGetValue(y, out var py) && px.Particle != py.Particle)
                {
                    return true;
                }
            }
        }

        return CompoundAgainstParticle(aOnly, a, b) || CompoundAgainstParticle(bOnly, b, a);
    }

    // A compound on one side against its verb with the other particle on the other ("checkout" / "the check-in time"),
    // read from the verb itself: the bare particle may also appear elsewhere there ("my hotel in Lisbon").
    private static bool CompoundAgainstParticle(List<string> only, TextFeatures side, TextFeatures other)
    {
        foreach (var x in only)
        {
            if (SessionCompounds.TryGetValue(x, out var compound))
            {
                var opposite = compound.Particle == "in" ? "out" : "in";
                if (HasParticleAfter(other, opposite, compound.Head) && !HasParticleAfter(side, opposite, compound.Head))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HasParticleAfter(TextFeatures f, string particle, string head)
    {
        foreach (var (p, h) in f.InOutHeads)
        {
            if (p == particle && SameSessionHead(h, head))
            {
                return true;
            }
        }

        return false;
    }

    // The same word, or two ways of starting and ending a session ("sign in" / "log out").
    private static bool SameSessionHead(string x, string y) => x == y || (SessionVerbs.Contains(x) && SessionVerbs.Contains(y));

    private static bool IsInOut(string x, string y) => (x, y) is ("in", "out") or ("out", "in");

    // "in" and "out" oppose each other only when they attach to the same word ("log in" / "log out", "in stock" /
    // "out of stock" after the same noun) or to two ways of starting and ending a session ("sign in" / "log out");
    // "locked out of my account" and "I can't log in" describe the same trouble.
    private static bool SameHead(TextFeatures a, string x, TextFeatures b, string y)
    {
        foreach (var (particleA, headA) in a.InOutHeads)
        {
            foreach (var (particleB, headB) in b.InOutHeads)
            {
                if (particleA == x && particleB == y && SameSessionHead(headA, headB))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool OppositePolarity(string x, string y) =>
        (SwitchOn.Contains(x) && SwitchOff.Contains(y)) || (SwitchOff.Contains(x) && SwitchOn.Contains(y));

    private static FrozenSet<string> BuildSet(string[] words) =>
        words.Select(TextFeatures.Stem).ToFrozenSet(StringComparer.Ordinal);

    private static FrozenSet<string> BuildPairs(string[] pairs)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var parts = pair.Split('/');
            var x = TextFeatures.Stem(parts[0]);
            var y = TextFeatures.Stem(parts[1]);
            set.Add(x + "/" + y);
            set.Add(y + "/" + x);
        }

        return set.ToFrozenSet(StringComparer.Ordinal);
    }

    private static bool IsPrefixOpposite(string x, string y)
    {
        foreach (var px in Prefixes.Append(""))
        {
            if (!x.StartsWith(px, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = x[px.Length..];
            if (rest.Length < 3)
            {
                continue;
            }

            foreach (var py in Prefixes.Append(""))
            {
                var againstBare = px.Length == 0 || py.Length == 0;
                if (py != px && (!againstBare || NegatingPrefixes.Contains(px + py))
                    && y.Length == py.Length + rest.Length && y.StartsWith(py, StringComparison.Ordinal) && y.EndsWith(rest, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Spelling or inflection variants ("color"/"colour", "analyse"/"analyze") are not substitutions.</summary>
    private static bool AreVariants(string x, string y)
    {
        if (x.Length < 4 || y.Length < 4)
        {
            return false;
        }

        var prefix = 0;
        while (prefix < x.Length && prefix < y.Length && x[prefix] == y[prefix])
        {
            prefix++;
        }

        return prefix >= 4 && prefix >= Math.Min(x.Length, y.Length) - 2;
    }

    /// <summary>
    /// Whether both sides name the same slots. A slot named twice is one slot, and a qualified name matches its last
    /// part on the other side ("datasets.AudioClassification" / "AudioClassification"), and a name that is a slot only by
    /// its inner capitals matches the same word in any case ("AngularJS" / "angularjs"); two different qualified names
    /// ("db.timeout" / "http.timeout") still differ.
    /// </summary>
    private static bool SameSlots(TextFeatures a, TextFeatures b) => SlotsCovered(a, b) && SlotsCovered(b, a);

    private static bool SlotsCovered(TextFeatures side, TextFeatures other)
    {
        for (var i = 0; i < side.Slots.Count; i++)
        {
            var slot = side.Slots[i];
            var matched = side.SlotValues[i] is { } value
                ? SameValueIn(value, other)                                   // "$2,000" / "2000 dollars", "3pm" / "15:00"
                : other.Slots.Contains(slot)
                || (slot.All(char.IsLetter) && other.Tokens.Contains(slot))   // a slot only by its capitals: "AngularJS" / "angularjs"
                || QualifiesWordIn(slot, other)                               // "datasets.AudioClassification" / "AudioClassification"
                || other.Slots.Any(o => o.EndsWith("." + slot, StringComparison.Ordinal) && QualifiesWordIn(o, side)); // the other way round
            if (!matched)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="other"/> names the same number however written, counting the same thing: not when
    /// each names a unit and the units differ ("the last 2 hours" / "the past 2 days"); one side without a unit does not
    /// decide.</summary>
    private static bool SameValueIn(SlotValue value, TextFeatures other)
    {
        foreach (var otherValue in other.SlotValues)
        {
            if (otherValue is { } number && value.Matches(number))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="slot"/> is a qualified name whose last part is a word of <paramref name="other"/>
    /// that no other qualified name there ends with.</summary>
    private static bool QualifiesWordIn(string slot, TextFeatures other)
    {
        var dot = slot.LastIndexOf('.');
        if (dot < 0 || slot.Length - dot - 1 < 3 || !char.IsLetter(slot[dot + 1]))
        {
            return false;
        }

        var last = slot[(dot + 1)..];
        return other.Tokens.Contains(last) && !other.Slots.Any(s => s != last && s.EndsWith("." + last, StringComparison.Ordinal));
    }

    private static bool SameMultiset(IReadOnlyList<string> x, IReadOnlyList<string> y)
    {
        if (x.Count != y.Count)
        {
            return false;
        }

        return x.Count == 0 || x.Order(StringComparer.Ordinal).SequenceEqual(y.Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether a negation of <paramref name="negated"/> denies a word <paramref name="other"/> also uses ("don't cancel" /
    /// "cancel", "isn't my payment" / "my payment"), or denies nothing identifiable. A complaint that denies something
    /// else ("the refund has not reached my account" / "when will I get my refund?") is left to the other verifiers.
    /// </summary>
    private static bool DeniesWhatTheOtherSays(TextFeatures negated, TextFeatures other)
    {
        foreach (var word in negated.NegatedWords)
        {
            if (word is null || other.Stems.Contains(word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Multiset difference: words of <paramref name="x"/> left after matching each against one occurrence in
    /// <paramref name="y"/>. A set difference would hide "turn off … on my account" vs "turn on … on my account",
    /// where the changed word also occurs elsewhere in both requests.
    /// </summary>
    private static List<string> Difference(IReadOnlyList<string> x, IReadOnlyList<string> y)
    {
        // Counts, not list searches: a 32K-character prompt has thousands of words and this runs per candidate.
        var unmatched = new Dictionary<string, int>(y.Count, StringComparer.Ordinal);
        foreach (var item in y)
        {
            unmatched[item] = unmatched.GetValueOrDefault(item) + 1;
        }

        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in x)
        {
            if (unmatched.TryGetValue(item, out var left) && left > 0)
            {
                unmatched[item] = left - 1;
            }
            else if (seen.Add(item))
            {
                result.Add(item);
            }
        }

        return result;
    }
}
