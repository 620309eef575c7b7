using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace AgentFramework.Caching.Verification.PairModel;

/// <summary>
/// Everyday short forms that stand for several words ("2FA", "ASAP"), written out by <see cref="PairModelVerifier"/>
/// before the pair model reads a prompt.
/// </summary>
/// <remarks>
/// The model learned its words from 12,000 QQP pairs and a few thousand generated ones: it does not read "2FA" as
/// "two-factor authentication", so a request and its paraphrase that differ only in that scored low. Only the model's
/// input changes; the lexical verifier has its own one-word table (<see cref="TextFeatures"/>), and the embedding and the
/// similarity threshold see the prompt as written. Each entry stands for one thing in requests: no entry is a common word.
/// </remarks>
internal static class PairModelShortForms
{
    private static readonly FrozenDictionary<string, string> Expansions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["2fa"] = "two-factor authentication",
        ["mfa"] = "multi-factor authentication",
        ["otp"] = "one-time password",
        ["sso"] = "single sign-on",
        ["faq"] = "frequently asked questions",
        ["faqs"] = "frequently asked questions",
        ["asap"] = "as soon as possible",
        ["dob"] = "date of birth",
        ["pto"] = "paid time off",
        ["eta"] = "estimated time of arrival",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // The table's words, whole: no letter, digit or underscore on either side, so "eta" in "beta", "2fa" in "2fa3" and
    // "mfa" in "mfa_enabled" stay.
    private static readonly Regex ShortForm = new(
        @"(?<![\p{L}\p{N}_])(?:" + string.Join('|', Expansions.Keys.Select(Regex.Escape)) + @")(?![\p{L}\p{N}_])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>The short forms <paramref name="text"/> holds as whole words, written out; the text itself when it holds none.</summary>
    public static string Expand(string text) => ShortForm.Replace(text, match => Expansions[match.Value]);
}
