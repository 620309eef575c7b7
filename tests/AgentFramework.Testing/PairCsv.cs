using System.Text;

namespace AgentFramework.Testing;

/// <summary>
/// Reads labelled pairs in the qqp-dev format: a header naming <c>question1</c>, <c>question2</c> and <c>is_duplicate</c>
/// (other columns, such as QQP's ids, are ignored; any order), comma-separated with RFC 4180 quoting (a quoted field may
/// hold commas, quotes and line breaks), or tab-separated without quoting when the header has tabs and no commas.
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
        var text = File.ReadAllText(path);
        var lineEnd = text.IndexOfAny(['\r', '\n']);
        var firstLine = lineEnd < 0 ? text.AsSpan() : text.AsSpan(0, lineEnd);
        var rows = firstLine.Contains('\t') && !firstLine.Contains(',') ? ParseTabRows(text) : ParseRows(text);
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
            if (row.Count == 1 && string.IsNullOrWhiteSpace(row[0]))
            {
                continue; // a blank line
            }

            if (row.Count <= Math.Max(q1, Math.Max(q2, label)) || string.IsNullOrWhiteSpace(row[q1]) || string.IsNullOrWhiteSpace(row[q2]))
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

    /// <summary>0 / 1, 0.0 / 1.0, false / true (trimmed, any case); anything else is not a label.</summary>
    internal static bool? ParseLabel(string value) => value.Trim().ToLowerInvariant() switch
    {
        "1" or "1.0" or "true" => true,
        "0" or "0.0" or "false" => false,
        _ => null,
    };

    /// <summary>Comma-separated rows with RFC 4180 quoting.</summary>
    public static List<List<string>> ParseRows(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Tab-separated rows, one a line, quotes kept as text (QQP's own .tsv files quote nothing).</summary>
    private static List<List<string>> ParseTabRows(string text) =>
        text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).Select(line => line.Split('\t').ToList()).ToList();
}
