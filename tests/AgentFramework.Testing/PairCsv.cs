using Microsoft.VisualBasic.FileIO;

namespace AgentFramework.Testing;

/// <summary>
/// Reads labelled pairs in the qqp-dev format: a header naming <c>question1</c>, <c>question2</c> and <c>is_duplicate</c>
/// (other columns, such as QQP's ids, are ignored; any order), comma-separated with RFC 4180 quoting (a quoted field may
/// hold commas, quotes and line breaks), or tab-separated without quoting when the header has tabs and no commas.
/// Parsing is the BCL's <see cref="TextFieldParser"/>.
/// </summary>
/// <remarks>
/// The quality harness runs held-out sets through this, so a malformed row never changes a figure silently: a row with
/// an empty question or a label other than 0 / 1 (also read: <c>0.0</c> / <c>1.0</c>, <c>false</c> / <c>true</c>) is left
/// out and counted in the warning written to <c>warnings</c>; a file with no usable row is an error.
/// </remarks>
public static class PairCsv
{
    /// <summary>Reads every usable pair of <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="warnings">Receives one line naming the rows left out, if any.</param>
    /// <returns>The pairs, in file order.</returns>
    /// <exception cref="InvalidDataException">No header with the three columns, or no usable row.</exception>
    public static List<LabeledPair> Read(string path, TextWriter? warnings = null)
    {
        var rows = ReadRows(path);
        if (rows.Count == 0)
        {
            throw new InvalidDataException($"{path} is empty.");
        }

        var header = rows[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        int q1 = header.IndexOf("question1"), q2 = header.IndexOf("question2"), label = header.IndexOf("is_duplicate");
        if (q1 < 0 || q2 < 0 || label < 0)
        {
            throw new InvalidDataException($"{path} must have the columns question1, question2, is_duplicate (found: {string.Join(", ", header)}).");
        }

        var pairs = new List<LabeledPair>();
        int empty = 0, badLabel = 0;
        string? firstBadLabel = null;
        foreach (var row in rows.Skip(1))
        {
            if (row.Length <= Math.Max(q1, Math.Max(q2, label)) || string.IsNullOrWhiteSpace(row[q1]) || string.IsNullOrWhiteSpace(row[q2]))
            {
                empty++;
                continue;
            }

            if (ParseLabel(row[label]) is not { } duplicate)
            {
                badLabel++;
                firstBadLabel ??= row[label];
                continue;
            }

            pairs.Add(new LabeledPair(row[q1], row[q2], duplicate));
        }

        if (pairs.Count == 0)
        {
            throw new InvalidDataException($"{path} has no usable row ({empty} with a missing question, {badLabel} with a label other than 0 / 1).");
        }

        if (empty + badLabel > 0)
        {
            warnings?.WriteLine($"{Path.GetFileName(path)}: left out {empty + badLabel} of {pairs.Count + empty + badLabel} rows " +
                $"({empty} with a missing question, {badLabel} with a label other than 0 / 1{(firstBadLabel is null ? "" : $", e.g. '{firstBadLabel}'")}).");
        }

        return pairs;
    }

    /// <summary>
    /// Every row of <paramref name="path"/>, header included, fields exactly as written (the BCL's
    /// <see cref="TextFieldParser"/>: RFC 4180 quoting for commas; tab-separated without quoting; blank lines skipped).
    /// </summary>
    /// <exception cref="InvalidDataException">A line the parser cannot read (an unclosed quote), with its number.</exception>
    public static List<string[]> ReadRows(string path)
    {
        var firstLine = File.ReadLines(path).FirstOrDefault() ?? "";
        var tabs = firstLine.Contains('\t', StringComparison.Ordinal) && !firstLine.Contains(',', StringComparison.Ordinal);
        using var parser = new TextFieldParser(path) { HasFieldsEnclosedInQuotes = !tabs, TrimWhiteSpace = false };
        parser.SetDelimiters(tabs ? "\t" : ",");
        var rows = new List<string[]>();
        try
        {
            while (parser.ReadFields() is { } fields)
            {
                rows.Add(fields);
            }
        }
        catch (MalformedLineException ex)
        {
            throw new InvalidDataException($"{path}, line {ex.LineNumber}: {ex.Message}", ex);
        }

        return rows;
    }

    /// <summary>0 / 1, 0.0 / 1.0, false / true (trimmed, any case); anything else is not a label.</summary>
    internal static bool? ParseLabel(string value) => value.Trim().ToLowerInvariant() switch
    {
        "1" or "1.0" or "true" => true,
        "0" or "0.0" or "false" => false,
        _ => null,
    };
}
