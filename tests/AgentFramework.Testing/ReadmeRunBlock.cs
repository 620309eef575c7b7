using System.Text.RegularExpressions;

namespace AgentFramework.Testing;

/// <summary>
/// An example README's "a real run" block, compared with a fresh run of the example: every line the same but for the
/// times, which depend on the machine.
/// </summary>
public static partial class ReadmeRunBlock
{
    /// <summary>
    /// The lines of the fenced block in <paramref name="readmePath"/> that starts with <paramref name="firstLine"/>, and
    /// the lines of <paramref name="output"/> from that line on, both without trailing spaces and with times blanked.
    /// </summary>
    public static (string[] Readme, string[] Run) Lines(string readmePath, string firstLine, string output)
    {
        var readme = File.ReadAllText(readmePath).ReplaceLineEndings("\n").Split('\n');
        var start = Array.FindIndex(readme, l => l.StartsWith(firstLine, StringComparison.Ordinal));
        if (start < 0)
        {
            throw new InvalidOperationException($"{readmePath} has no line starting with '{firstLine}'.");
        }

        var end = Array.FindIndex(readme, start, l => l.StartsWith("```", StringComparison.Ordinal));
        var run = output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var from = Array.FindIndex(run, l => l.StartsWith(firstLine, StringComparison.Ordinal));
        return (Normalize(readme[start..(end < 0 ? readme.Length : end)]), Normalize(from < 0 ? run : run[from..]));
    }

    private static string[] Normalize(string[] lines) => [.. lines.Select(l => Time().Replace(l.TrimEnd(), "# ms"))];

    // "130 ms", "4774 ms", "in 8.5 s": what a slower or faster machine changes.
    [GeneratedRegex(@"\d+(\.\d+)? (ms|s)\b")]
    private static partial Regex Time();
}
