using System.Globalization;
using System.Text.RegularExpressions;
using AgentFramework.Testing;

namespace AgentFramework.Architecture.Tests.Rules;

/// <summary>
/// Reads the event-id table from CONTRIBUTING.md. The table is the one place the ranges are written down; the
/// tests read it rather than keep a second copy, so the document cannot drift from what is enforced.
/// </summary>
internal static partial class EventIdTable
{
    private static readonly Lazy<IReadOnlyList<EventIdRange>> Ranges = new(() => Parse(File.ReadAllText(DocumentPath)));

    /// <summary>Where the table lives.</summary>
    public static string DocumentPath => Path.Combine(TestPaths.RepoRoot, "CONTRIBUTING.md");

    /// <summary>Every row of the committed table.</summary>
    public static IReadOnlyList<EventIdRange> Committed => Ranges.Value;

    /// <summary>Parses rows of the form <c>| `Package` | 1000–1999 |</c> (or <c>—</c> for a package that logs nothing).</summary>
    public static IReadOnlyList<EventIdRange> Parse(string markdown) =>
        [.. Row().Matches(markdown).Select(m => m.Groups["first"].Success
            ? new EventIdRange(m.Groups["package"].Value, int.Parse(m.Groups["first"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["last"].Value, CultureInfo.InvariantCulture))
            : EventIdRange.None(m.Groups["package"].Value))];

    [GeneratedRegex(@"^\| `(?<package>AgentFramework[\w.]*)` \| (?:(?<first>\d+)–(?<last>\d+)|—) \|", RegexOptions.Multiline)]
    private static partial Regex Row();
}
