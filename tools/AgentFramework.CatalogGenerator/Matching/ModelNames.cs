using System.Text.RegularExpressions;

namespace AgentFramework.CatalogGenerator.Matching;

/// <summary>
/// Name normalization shared by every source, so that "gpt-5-2025-08-07_high" (Epoch),
/// "gpt-5-2025-08-07" (llm-stats) and "gpt-5" (litellm) can be recognised as one model.
/// </summary>
/// <remarks>
/// Two levels, both documented in the generator's README:
/// <list type="bullet">
/// <item><see cref="Normalize"/> — case-folding, provider prefix and Epoch's run-setting suffix removed.
/// Two names with the same normalized form are the same model snapshot.</item>
/// <item><see cref="Family"/> — additionally strips release stamps (dates, "-preview", "-exp", "-001",
/// "@001"). Two names with the same family are snapshots of one model line.</item>
/// </list>
/// </remarks>
internal static partial class ModelNames
{
    /// <summary>
    /// Lower-cases, trims, drops everything up to the last '/' (provider or host prefix) and Epoch's
    /// run-setting suffixes ("_high", "_medium", "_low", "_minimal", "_32K" thinking budgets).
    /// </summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var n = name.Trim().ToLowerInvariant();
        var slash = n.LastIndexOf('/');
        if (slash >= 0)
        {
            n = n[(slash + 1)..];
        }

        string previous;
        do
        {
            previous = n;
            n = SettingSuffix().Replace(n, string.Empty);
        }
        while (n != previous);
        return n;
    }

    /// <summary>
    /// The model line a name belongs to: <see cref="Normalize"/>, then release stamps removed from the
    /// end until none is left — "-2025-04-14", "-20250805", "-preview[-06-05|-09-2025]", "-exp[-03-25]",
    /// "-08-2024", "-0709"/"-2411" (four-digit MMDD/YYMM stamps), "-001" and "@001".
    /// </summary>
    public static string Family(string name)
    {
        var n = Normalize(name);
        string previous;
        do
        {
            previous = n;
            n = ReleaseStamp().Replace(n, string.Empty);
        }
        while (n != previous && n.Length > 0);
        return n.Length == 0 ? previous : n;
    }

    /// <summary>True when <paramref name="name"/> is its own family (it carries no release stamp).</summary>
    public static bool IsUndated(string name) => Family(name) == Normalize(name);

    [GeneratedRegex(@"_(high|medium|low|minimal|xhigh|\d+k)$", RegexOptions.CultureInvariant)]
    private static partial Regex SettingSuffix();

    [GeneratedRegex(@"(-\d{4}-\d{2}-\d{2}|-\d{8}|-(preview|exp)(-\d{2}-\d{2}|-\d{2}-\d{4}|-\d{4})?|-\d{2}-\d{4}|-\d{4}|-\d{3}|@\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ReleaseStamp();
}
