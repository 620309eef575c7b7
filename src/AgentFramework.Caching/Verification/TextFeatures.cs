using System.Collections.Frozen;
using System.Text;

namespace AgentFramework.Caching.Verification;

/// <summary>
/// A prompt broken into lower-cased word tokens, light stems and the slots (numbers, identifiers,
/// capitalized names) the verifiers compare.
/// </summary>
internal sealed class TextFeatures
{
    private static readonly FrozenSet<string> StopWords = FrozenSet.ToFrozenSet(
    [
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "doing",
        "have", "has", "had", "i", "me", "my", "we", "our", "us", "you", "your", "he", "him", "his", "she", "her",
        "it", "its", "they", "them", "their", "this", "that", "these", "those", "what", "which", "who", "whom",
        "whose", "when", "where", "why", "how", "of", "in", "on", "at", "to", "for", "from", "by", "with", "about",
        "as", "into", "than", "then", "and", "or", "but", "if", "so", "can", "could", "should", "would", "will",
        "shall", "may", "might", "must", "there", "here", "some", "any", "all", "most", "more", "very", "just",
        "also", "too", "please", "tell", "explain", "give", "get", "know", "way", "ways", "best", "good", "really",
        "one", "ones", "thing", "things", "s", "t", "d", "ll", "re", "ve", "m", "like", "much", "many", "out", "up",
        "anyone", "someone", "people", "person", "possible", "does", "whats", "hows", "kind", "type", "types", "use",
        "used", "using", "make", "mean", "means", "difference", "between", "vs", "versus", "via", "per", "each",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> Negations = FrozenSet.ToFrozenSet(
    [
        "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot", "without", "unable", "nowhere", "non",
        "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "couldnt", "wont", "wouldnt",
        "shouldnt", "havent", "hasnt", "hadnt", "mustnt", "neednt", "aint",
    ], StringComparer.Ordinal);

    // Short forms written interchangeably in requests; mapped before any comparison so "Sept 15" matches
    // "September 15" and "JS" matches "JavaScript" (which would otherwise look like a camelCase identifier).
    private static readonly FrozenDictionary<string, string> Canonical = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["jan"] = "january", ["feb"] = "february", ["mar"] = "march", ["apr"] = "april", ["jun"] = "june", ["jul"] = "july",
        ["aug"] = "august", ["sep"] = "september", ["sept"] = "september", ["oct"] = "october", ["nov"] = "november",
        ["dec"] = "december", ["mon"] = "monday", ["tue"] = "tuesday", ["tues"] = "tuesday", ["wed"] = "wednesday",
        ["thu"] = "thursday", ["thur"] = "thursday", ["thurs"] = "thursday", ["fri"] = "friday", ["sat"] = "saturday",
        ["sun"] = "sunday", ["js"] = "javascript", ["javascript"] = "javascript", ["ts"] = "typescript", ["typescript"] = "typescript",
        ["docs"] = "documentation", ["doc"] = "documentation", ["documentation"] = "documentation", ["env"] = "environment",
        ["envs"] = "environments", ["var"] = "variable", ["vars"] = "variables", ["repo"] = "repository", ["repos"] = "repositories",
        ["config"] = "configuration", ["configs"] = "configurations", ["info"] = "information", ["cert"] = "certificate",
        ["certs"] = "certificates", ["acct"] = "account", ["pwd"] = "password", ["msg"] = "message", ["msgs"] = "messages",
        ["usa"] = "us", ["uk"] = "uk", ["us"] = "us", ["github"] = "github", ["gitlab"] = "gitlab", ["postgresql"] = "postgres",
        ["postgres"] = "postgres", ["k8s"] = "kubernetes", ["kubernetes"] = "kubernetes",
        ["ave"] = "avenue", ["blvd"] = "boulevard", ["apt"] = "apartment", ["appt"] = "appointment", ["appts"] = "appointments",
        ["dept"] = "department", ["mgr"] = "manager", ["qty"] = "quantity", ["pkg"] = "package", ["addr"] = "address",
        ["approx"] = "approximately", ["tmrw"] = "tomorrow", ["tmr"] = "tomorrow", ["pls"] = "please", ["plz"] = "please",
        ["govt"] = "government", ["intl"] = "international",
        // Words that carry a digit but name a feature, not a value: not slots.
        ["2fa"] = "2fa",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Units = FrozenSet.ToFrozenSet(
    [
        "am", "pm", "kb", "mb", "gb", "tb", "ms", "s", "sec", "secs", "min", "mins", "h", "hr", "hrs", "k", "m", "x",
        "kg", "g", "lb", "lbs", "oz", "km", "mi", "cm", "mm", "ft", "l", "ml", "gbps", "mbps", "px", "pt",
    ], StringComparer.Ordinal);

    // Words that sit between a negation and what it denies ("not yet shipped", "never even arrived", "no longer incur").
    private static readonly FrozenSet<string> NegationFillers = FrozenSet.ToFrozenSet(
        ["still", "yet", "even", "ever", "longer", "really", "quite", "always", "actually", "been", "being", "be", "at", "all"],
        StringComparer.Ordinal);

    // Verbs that make a following "on"/"off" a switch ("turn it on"), not a preposition.
    private static readonly FrozenSet<string> PhrasalSwitchVerbs = FrozenSet.ToFrozenSet(
        ["turn", "turns", "turned", "turning", "switch", "switches", "switched", "switching", "toggle", "toggles", "toggled",
         "toggling", "flip", "flips", "flipped", "power", "powered", "log", "logs", "logged", "logging", "sign", "signs",
         "signed", "signing", "set", "sets", "shut", "put", "opt", "opted"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> Determiners = FrozenSet.ToFrozenSet(
        ["my", "the", "a", "an", "your", "our", "their", "his", "her", "its", "this", "that", "these", "those", "each", "every", "all", "any", "some"],
        StringComparer.Ordinal);

    // Words that say what a number counts, by family ("day" and "days" are one unit): the same number with another
    // unit is another slot ("the last 2 hours" / "the past 2 days"). Short units in Units ("km", "hrs", "gb") never
    // follow a number token: the tokenizer makes them part of its slot ("5km"), so they are not listed here.
    private static readonly FrozenDictionary<string, string> UnitWords = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["second"] = "second", ["seconds"] = "second", ["minute"] = "minute", ["minutes"] = "minute",
        ["hour"] = "hour", ["hours"] = "hour", ["day"] = "day", ["days"] = "day", ["night"] = "night", ["nights"] = "night",
        ["week"] = "week", ["weeks"] = "week", ["month"] = "month", ["months"] = "month", ["year"] = "year", ["years"] = "year",
        ["yr"] = "year", ["yrs"] = "year",
        ["dollar"] = "usd", ["dollars"] = "usd", ["usd"] = "usd", ["buck"] = "usd", ["bucks"] = "usd",
        ["euro"] = "eur", ["euros"] = "eur", ["eur"] = "eur", ["pound"] = "pound", ["pounds"] = "pound", ["gbp"] = "gbp",
        ["cent"] = "cent", ["cents"] = "cent", ["percent"] = "percent", ["pct"] = "percent",
        ["kilometer"] = "km", ["kilometers"] = "km", ["kilometre"] = "km", ["kilometres"] = "km",
        ["mile"] = "mile", ["miles"] = "mile", ["meter"] = "m", ["meters"] = "m", ["metre"] = "m", ["metres"] = "m",
        ["kilogram"] = "kg", ["kilograms"] = "kg", ["kilo"] = "kg", ["kilos"] = "kg", ["gram"] = "g", ["grams"] = "g",
        ["liter"] = "l", ["liters"] = "l", ["litre"] = "l", ["litres"] = "l", ["gallon"] = "gallon", ["gallons"] = "gallon",
        ["gigabyte"] = "gb", ["gigabytes"] = "gb", ["megabyte"] = "mb", ["megabytes"] = "mb", ["terabyte"] = "tb", ["terabytes"] = "tb",
        ["kilobyte"] = "kb", ["kilobytes"] = "kb", ["millisecond"] = "ms", ["milliseconds"] = "ms",
        ["ounce"] = "oz", ["ounces"] = "oz", ["foot"] = "ft", ["feet"] = "ft", ["inch"] = "inch", ["inches"] = "inch",
        ["centimeter"] = "cm", ["centimeters"] = "cm", ["centimetre"] = "cm", ["centimetres"] = "cm",
        ["millimeter"] = "mm", ["millimeters"] = "mm", ["millimetre"] = "mm", ["millimetres"] = "mm",
        ["milliliter"] = "ml", ["milliliters"] = "ml", ["millilitre"] = "ml", ["millilitres"] = "ml",
        ["fahrenheit"] = "fahrenheit", ["celsius"] = "celsius",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // The short units the tokenizer joins to their number ("80kg", "2 lbs" → "2lbs", "350F"), in UnitWords' families,
    // so "80kg" and "80 kilograms" name one quantity. Ambiguous ones ("m": metres, minutes or millions) are not listed.
    private static readonly FrozenDictionary<string, string> AttachedUnits = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["s"] = "second", ["sec"] = "second", ["secs"] = "second", ["ms"] = "ms", ["min"] = "minute", ["mins"] = "minute",
        ["h"] = "hour", ["hr"] = "hour", ["hrs"] = "hour", ["kb"] = "kb", ["mb"] = "mb", ["gb"] = "gb", ["tb"] = "tb",
        ["kg"] = "kg", ["g"] = "g", ["lb"] = "pound", ["lbs"] = "pound", ["oz"] = "oz", ["km"] = "km", ["mi"] = "mile",
        ["cm"] = "cm", ["mm"] = "mm", ["ft"] = "ft", ["l"] = "l", ["ml"] = "ml", ["f"] = "fahrenheit", ["c"] = "celsius",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private TextFeatures(string text)
    {
        Text = text;
        var tokens = new List<string>();
        var original = new List<string>();
        var sentenceStarts = new List<bool>();
        Tokenize(text, tokens, original, sentenceStarts);
        Tokens = tokens;
        OriginalTokens = original;
        var stems = new List<string>(tokens.Count);
        var content = new List<string>();
        var slots = new List<string>();
        var names = new List<string>();
        var negation = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var stem = Stem(token);
            stems.Add(stem);
            if (Negations.Contains(token))
            {
                negation++;
                continue;
            }

            var known = Canonical.ContainsKey(original[i].ToLowerInvariant()) || Canonical.ContainsKey(token);
            if (!known && IsSlot(original[i]))
            {
                slots.Add(token);
            }
            else if (!sentenceStarts[i] && (original[i].Length > 1 || known) && char.IsUpper(original[i][0]) && !StopWords.Contains(token) && !IsFirstPersonContraction(original[i]))
            {
                names.Add(stem);
            }

            if (!StopWords.Contains(token))
            {
                content.Add(stem);
            }
        }

        Stems = stems;
        ContentStems = content;
        Slots = slots;
        Names = names;
        NegationCount = negation;
        NegatedWords = negation == 0 ? [] : NegatedWordsOf(tokens, stems);
        Prepositional = PrepositionalOnOff(tokens);
        InOutHeads = InOutHeadsOf(tokens);
        Directions = DirectionsOf(tokens, stems);
        Bounds = BoundsOf(tokens);
    }

    public string Text { get; }

    /// <summary>Lower-cased tokens; apostrophes removed ("don't" → "dont").</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Tokens with their original case.</summary>
    public IReadOnlyList<string> OriginalTokens { get; }

    public IReadOnlyList<string> Stems { get; }

    /// <summary>Stems of the tokens that are neither stop words nor negations, in order.</summary>
    public IReadOnlyList<string> ContentStems { get; }

    /// <summary>Tokens carrying a digit or shaped like an identifier (camelCase, snake_case, dotted, #-prefixed).</summary>
    public IReadOnlyList<string> Slots { get; }

    /// <summary>Per slot (same order as <see cref="Slots"/>), the number it names however written, or <c>null</c> for a slot
    /// that is not a number; read once per prompt, however many candidates compare it.</summary>
    public IReadOnlyList<SlotValue?> SlotValues => _slotValues ??= Slots.Select(slot => SlotValue.TryParse(slot, this, out var value) ? value : (SlotValue?)null).ToArray();

    private SlotValue?[]? _slotValues;

    /// <summary>Stems of capitalized words not at the start of the prompt (likely names).</summary>
    public IReadOnlyList<string> Names { get; }

    public int NegationCount { get; }

    /// <summary>
    /// Per negation, the stem of the first content word after it ("has still not <b>reached</b>", "don't <b>cancel</b>"),
    /// or <c>null</c> when none follows within four words: what the negation denies.
    /// </summary>
    public IReadOnlyList<string?> NegatedWords { get; }

    /// <summary>
    /// "on"/"off" used as a preposition ("auto-renewal on my subscription"), not as a switch ("turn it on"): each such
    /// token, so the antonym rule does not read "on my subscription" against "turn off".
    /// </summary>
    public IReadOnlySet<string> Prepositional { get; }

    /// <summary>
    /// Each "in"/"out" with the word it follows, stemmed and with a doubled last letter undone ("logged in" →
    /// ("in", "log")), so the antonym rule can tell "log in"/"log out" from "locked out"/"log in".
    /// </summary>
    public IReadOnlyList<(string Particle, string Head)> InOutHeads { get; }

    /// <summary>
    /// The words a direction points at: the first word after "to"/"into"/"towards"/"onto" (<c>Towards</c>) or "from",
    /// past a determiner or possessive ("to my savings", "from Alex").
    /// </summary>
    public IReadOnlyList<(bool Towards, string Target)> Directions { get; }

    /// <summary>
    /// Numbers written as a bound, each with its token: <c>Minimum</c> is true for a lower bound ("over 50", "at least 50",
    /// "more than 50") and false for an upper bound ("under 50", "at most 50", "up to 50"). A negated comparator ("not
    /// more than 50") is left out.
    /// </summary>
    public IReadOnlyList<(string Number, bool Minimum)> Bounds { get; }

    /// <summary>The unit family of the word right after <paramref name="number"/> (the first time it occurs), or
    /// <c>null</c> when no unit word follows ("15 minutes" → "minute", "5 most recent" → null).</summary>
    public string? UnitAfter(string number)
    {
        for (var i = 0; i + 1 < Tokens.Count; i++)
        {
            if (Tokens[i] == number)
            {
                return UnitWords.GetValueOrDefault(Tokens[i + 1]);
            }
        }

        return null;
    }

    /// <summary>The unit family of a short unit joined to its number ("kg" in "80kg"), or <c>null</c>.</summary>
    public static string? AttachedUnitFamily(string suffix) => AttachedUnits.GetValueOrDefault(suffix);

    // Every verifier stage reads the same two prompts: keep the last few analyses per thread (keyed by the string
    // instance, which cannot change) so a candidate is tokenized once per lookup, not once per stage.
    [ThreadStatic]
    private static TextFeatures?[]? _recent;

    [ThreadStatic]
    private static int _recentNext;

    public static TextFeatures Of(string text)
    {
        var recent = _recent ??= new TextFeatures?[4];
        foreach (var features in recent)
        {
            if (features is not null && ReferenceEquals(features.Text, text))
            {
                return features;
            }
        }

        var created = new TextFeatures(text);
        recent[_recentNext] = created;
        _recentNext = (_recentNext + 1) % recent.Length;
        return created;
    }

    /// <summary>True for function words that carry no slot ("the", "how", "to", …).</summary>
    public static bool IsStopWord(string token) => StopWords.Contains(token);

    /// <summary>A light suffix-stripping stem, so "enabled"/"enables"/"enable" compare equal.</summary>
    public static string Stem(string token)
    {
        if (token.Length <= 3 || !char.IsLetter(token[^1]))
        {
            return token;
        }

        ReadOnlySpan<string> suffixes = ["ing", "ies", "ied", "ed", "es", "ly", "s", "e"];
        foreach (var suffix in suffixes)
        {
            if (token.EndsWith(suffix, StringComparison.Ordinal) && token.Length - suffix.Length >= 3)
            {
                var stem = token[..^suffix.Length];
                return suffix is "ies" or "ied" ? stem + "y" : stem;
            }
        }

        return token;
    }

    private static List<string?> NegatedWordsOf(List<string> tokens, List<string> stems)
    {
        var words = new List<string?>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!Negations.Contains(tokens[i]))
            {
                continue;
            }

            string? word = null;
            for (var j = i + 1; j < tokens.Count && j <= i + 4 && word is null; j++)
            {
                if (!StopWords.Contains(tokens[j]) && !NegationFillers.Contains(tokens[j]) && !Negations.Contains(tokens[j]))
                {
                    word = stems[j];
                }
            }

            words.Add(word);
        }

        return words;
    }

    // Not Determiners: skipping "all" / "each" / "some" as well ("to all users") cost a qqp paraphrase out of fold and
    // gained nothing (2026-12-07).
    private static readonly FrozenSet<string> DirectionDeterminers = FrozenSet.ToFrozenSet(
        ["the", "a", "an", "my", "our", "your", "his", "her", "their", "its", "this", "that"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> GivingVerbs = FrozenSet.ToFrozenSet(
        ["send", "sends", "sent", "sending", "pay", "pays", "paid", "paying", "give", "gives", "gave", "giving", "transfer",
         "transfers", "transferred", "wire", "wires", "wired", "lend", "lends", "lent"], StringComparer.Ordinal);

    // The word after a giving verb (past a determiner) when an amount follows it: "send [my] Alex 75", not "send the report".
    private static int? RecipientOf(List<string> tokens, int j)
    {
        j = PastDeterminers(tokens, j);
        return j + 1 < tokens.Count && !StopWords.Contains(tokens[j]) && !char.IsAsciiDigit(tokens[j][0]) && char.IsAsciiDigit(tokens[j + 1][0])
            ? j
            : null;
    }

    private static IReadOnlyList<(bool Towards, string Target)> DirectionsOf(List<string> tokens, List<string> stems)
    {
        List<(bool, string)>? directions = null;
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            bool towards;
            if (tokens[i] is "to" or "into" or "towards" or "toward" or "onto")
            {
                towards = true;
            }
            else if (tokens[i] == "from")
            {
                towards = false;
            }
            else
            {
                if (GivingVerbs.Contains(tokens[i]) && RecipientOf(tokens, i + 1) is int r)
                {
                    // "send Alex 75 bucks", "pay my landlord $1,200": the recipient of a giving verb is where the amount goes.
                    (directions ??= []).Add((true, stems[r]));
                }

                continue;
            }

            var j = PastDeterminers(tokens, i + 1);
            if (j < tokens.Count && !StopWords.Contains(tokens[j]))
            {
                (directions ??= []).Add((towards, DirectionTarget(tokens, stems, j)));
            }
        }

        return directions ?? (IReadOnlyList<(bool, string)>)[];
    }

    private static readonly FrozenSet<string> MonthNames = FrozenSet.ToFrozenSet(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
        StringComparer.Ordinal);

    // A month with its day is one target: "from Dec 20 to Dec 27" names two dates, not one place left and reached.
    private static string DirectionTarget(List<string> tokens, List<string> stems, int j)
    {
        if (j + 1 < tokens.Count && MonthNames.Contains(tokens[j]) && char.IsAsciiDigit(tokens[j + 1][0]))
        {
            var day = tokens[j + 1];
            var digits = 0;
            while (digits < day.Length && char.IsAsciiDigit(day[digits]))
            {
                digits++;
            }

            return stems[j] + " " + day[..digits];
        }

        return stems[j];
    }

    private static readonly FrozenSet<string> MinimumWords = FrozenSet.ToFrozenSet(
        ["over", "above", "beyond", "exceeding", "min", "minimum"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> MaximumWords = FrozenSet.ToFrozenSet(
        ["under", "below", "max", "maximum"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> MoreThan = FrozenSet.ToFrozenSet(
        ["more", "greater", "higher", "larger", "bigger", "longer", "older"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> LessThan = FrozenSet.ToFrozenSet(
        ["less", "fewer", "lower", "smaller", "shorter", "younger", "cheaper"], StringComparer.Ordinal);

    private static IReadOnlyList<(string, bool)> BoundsOf(List<string> tokens)
    {
        List<(string, bool)>? bounds = null;
        for (var k = 1; k < tokens.Count; k++)
        {
            if (!char.IsAsciiDigit(tokens[k][0]))
            {
                continue;
            }

            var (one, two) = (tokens[k - 1], k >= 2 ? tokens[k - 2] : null);
            (bool Minimum, int Start)? bound =
                MinimumWords.Contains(one) ? (true, k - 1)
                : MaximumWords.Contains(one) ? (false, k - 1)
                : one == "than" && two is not null && MoreThan.Contains(two) ? (true, k - 2)
                : one == "than" && two is not null && LessThan.Contains(two) ? (false, k - 2)
                : one == "least" && two == "at" ? (true, k - 2)
                : (one == "most" && two == "at") || (one == "to" && two == "up") ? (false, k - 2)
                : null;

            // "not more than 50" is "at most 50": rather than read it, read no bound.
            if (bound is { } b && (b.Start == 0 || (!Negations.Contains(tokens[b.Start - 1]) && tokens[b.Start - 1] != "no")))
            {
                (bounds ??= []).Add((tokens[k], b.Minimum));
            }
        }

        return bounds ?? (IReadOnlyList<(string, bool)>)[];
    }

    private static int PastDeterminers(List<string> tokens, int j)
    {
        while (j < tokens.Count && DirectionDeterminers.Contains(tokens[j]))
        {
            j++;
        }

        return j;
    }

    private static IReadOnlyList<(string Particle, string Head)> InOutHeadsOf(List<string> tokens)
    {
        List<(string, string)>? heads = null;
        for (var i = 1; i < tokens.Count; i++)
        {
            if (tokens[i] is "in" or "out")
            {
                (heads ??= []).Add((tokens[i], HeadKey(tokens[i - 1])));
            }
        }

        return heads ?? (IReadOnlyList<(string, string)>)[];
    }

    /// <summary>The stem with a doubled last letter undone, so "log", "logged" and "logging" share one key.</summary>
    private static string HeadKey(string token)
    {
        var stem = Stem(token);
        return stem.Length >= 3 && stem[^1] == stem[^2] ? stem[..^1] : stem;
    }

    /// <summary>
    /// Whether the slash at <paramref name="slash"/> separates two words of letters ("his/her") rather than joining the
    /// parts of a path or identifier ("src/app.ts", "logs/2024", "a/b/c" stays one slot once a part is not plain).
    /// </summary>
    private static bool IsAlternative(string text, StringBuilder word, int slash)
    {
        if (word.Length == 0)
        {
            return false;
        }

        for (var k = 0; k < word.Length; k++)
        {
            if (!char.IsLetter(word[k]))
            {
                return false;
            }
        }

        var end = slash + 1;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        if (end == slash + 1)
        {
            return false;
        }

        // The next word must end the token: at the end, a space or punctuation, but not a mark that continues a path.
        if (end == text.Length)
        {
            return true;
        }

        var next = text[end];
        var continuesPath = char.IsLetterOrDigit(next) || next is '_' or '/' or '\\'
            || (next is '.' or '-' or ':' or '@' or '#' or '+' && end + 1 < text.Length && char.IsLetterOrDigit(text[end + 1]));
        return !continuesPath;
    }

    private static bool IsVersion(string word) =>
        word.Length > 1 && word[0] is 'v' or 'V' && char.IsDigit(word[1]) && word.AsSpan(1).IndexOfAnyExcept("0123456789.") < 0;

    // "I'm", "I've", "I'd", "I'll" once the apostrophe is dropped: capitalized, but not a name.
    private static bool IsFirstPersonContraction(string original) => original is "Im" or "Ive" or "Id" or "Ill";

    /// <summary>
    /// The "on"/"off" tokens that are prepositions: followed by a determiner and with no switch verb ("turn", "switch",
    /// "log", …) in the three tokens before ("turn on the lights" stays a switch; "renewal on my plan" does not).
    /// </summary>
    private static IReadOnlySet<string> PrepositionalOnOff(List<string> tokens)
    {
        HashSet<string>? prepositions = null;
        HashSet<string>? switches = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] is not ("on" or "off"))
            {
                continue;
            }

            var afterVerb = false;
            for (var j = Math.Max(0, i - 3); j < i; j++)
            {
                afterVerb |= PhrasalSwitchVerbs.Contains(tokens[j]);
            }

            var set = !afterVerb && i + 1 < tokens.Count && Determiners.Contains(tokens[i + 1])
                ? prepositions ??= new HashSet<string>(StringComparer.Ordinal)
                : switches ??= new HashSet<string>(StringComparer.Ordinal);
            set.Add(tokens[i]);
        }

        // A word used both ways in one prompt ("turn on roaming on my plan") stays a switch.
        if (prepositions is not null && switches is not null)
        {
            prepositions.ExceptWith(switches);
        }

        return prepositions ?? (IReadOnlySet<string>)FrozenSet<string>.Empty;
    }

    /// <summary>Single letters joined by dots ("U.S", "e.g", "i.e"; the trailing dot is already trimmed).</summary>
    private static bool IsDottedAbbreviation(string word)
    {
        if (word.Length < 3 || word.Length % 2 == 0)
        {
            return false;
        }

        for (var i = 0; i < word.Length; i++)
        {
            if (i % 2 == 0 ? !char.IsLetter(word[i]) : word[i] != '.')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNumber(string word) => word.Length > 0 && word.All(char.IsAsciiDigit);

    /// <summary>Whether <paramref name="word"/> is a clock time, one or two digits of hours and two of minutes ("7:30"):
    /// the tokenizer joins an am/pm after it to the slot like "3 pm", and <see cref="SlotValue"/> reads it.</summary>
    internal static bool IsClockTime(ReadOnlySpan<char> word)
    {
        var colon = word.IndexOf(':');
        return colon is 1 or 2 && word.Length == colon + 3 && word[..colon].IndexOfAnyExceptInRange('0', '9') < 0 &&
            char.IsAsciiDigit(word[colon + 1]) && char.IsAsciiDigit(word[colon + 2]);
    }

    // "2,000" and "1,250,000": a comma inside a number with exactly three digits after it groups thousands.
    private static bool IsThousandsSeparator(string text, int i, StringBuilder sb) =>
        sb.Length > 0 && IsAllDigits(sb) && i + 3 < text.Length && char.IsAsciiDigit(text[i + 1]) && char.IsAsciiDigit(text[i + 2]) &&
        char.IsAsciiDigit(text[i + 3]) && (i + 4 == text.Length || !char.IsAsciiDigit(text[i + 4]));

    private static bool IsAllDigits(StringBuilder sb)
    {
        for (var i = 0; i < sb.Length; i++)
        {
            if (!char.IsAsciiDigit(sb[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSlot(string original)
    {
        var hasDigit = false;
        var innerUpper = false;
        var hasMark = false;
        for (var i = 0; i < original.Length; i++)
        {
            var c = original[i];
            hasDigit |= char.IsDigit(c);
            innerUpper |= i > 0 && char.IsUpper(c) && char.IsLower(original[i - 1]);
            hasMark |= c is '_' or '.' or '#' or '/' or '@' or ':' or '+';
        }

        return hasDigit || innerUpper || (hasMark && original.Length > 1);
    }

    private static void Tokenize(string text, List<string> tokens, List<string> original, List<bool> sentenceStarts)
    {
        var lastWasUnit = false;
        var sentenceStart = true;
        void Add(string word)
        {
            var lower = word.ToLowerInvariant();
            original.Add(word);
            tokens.Add(Canonical.TryGetValue(lower, out var canonical) ? canonical : lower);
            sentenceStarts.Add(sentenceStart);
            sentenceStart = false;
        }

        var sb = new StringBuilder();
        void Flush()
        {
            // Trim trailing marks that end a sentence rather than belong to an identifier ("file.txt." → "file.txt").
            while (sb.Length > 0 && sb[^1] is '.' or ':' or '/' or '@' or '#')
            {
                sb.Length--;
            }

            if (sb.Length > 0)
            {
                var word = sb.ToString();
                sb.Clear();
                if (IsVersion(word))
                {
                    // "v2.10.0" and "2.10.0" name the same version.
                    word = word[1..];
                }
                else if (IsDottedAbbreviation(word))
                {
                    // "U.S." and "US", "e.g." and "eg" are one word, not a dotted identifier.
                    word = word.Replace(".", string.Empty, StringComparison.Ordinal);
                }

                // "3 pm" / "3pm", "16 GB" / "16GB": a number and its unit are one slot however they are spaced.
                if (Units.Contains(word.ToLowerInvariant()) && original.Count > 0 && !lastWasUnit &&
                    (IsNumber(original[^1]) || (IsClockTime(original[^1]) && word.ToLowerInvariant() is "am" or "pm")))
                {
                    original[^1] += word;
                    tokens[^1] += word.ToLowerInvariant();
                    lastWasUnit = true;
                }
                else
                {
                    Add(word);
                    lastWasUnit = false;
                }
            }
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                sb.Append(c);
            }
            else if (c == ',' && IsThousandsSeparator(text, i, sb))
            {
                continue;
            }
            else if (c is '\'' or '’' && sb.Length > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                // "don't" → "dont", "user's" → "users": keeps negations and possessives one token.
                continue;
            }
            else if (c == '/' && IsAlternative(text, sb, i))
            {
                // "iPhone/Android", "is/are": alternatives, two words rather than one identifier.
                Flush();
            }
            else if (c is '.' or '#' or '+' or '/' or '@' or ':' or '-' && sb.Length > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))
            {
                sb.Append(c == '-' && !char.IsDigit(text[i + 1]) ? '\0' : c);
                if (sb[^1] == '\0')
                {
                    // Hyphenated words split ("follow-up" → "follow", "up"); hyphenated numbers stay one slot ("A-12").
                    sb.Length--;
                    Flush();
                }
            }
            else if (c is '+' or '#' && sb.Length > 0)
            {
                // "C++", "C#": the mark is part of the name.
                sb.Append(c);
            }
            else
            {
                Flush();
                sentenceStart |= c is '.' or '!' or '?' or '\n';
            }
        }

        Flush();
    }
}
