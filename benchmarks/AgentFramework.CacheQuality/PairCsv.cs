using System.Text;

namespace AgentFramework.CacheQuality;

/// <summary>One labelled pair: would serving the answer of <see cref="Cached"/> for <see cref="Query"/> be right?</summary>
internal sealed record LabeledPair(string Query, string Cached, bool Duplicate);

/// <summary>Reads CSV in the qqp-dev format (<c>question1,question2,is_duplicate</c>, RFC 4180 quoting).</summary>
internal static class PairCsv
{
    public static List<LabeledPair> Read(string path)
    {
        var rows = ParseRows(File.ReadAllText(path));
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
        foreach (var row in rows.Skip(1))
        {
            if (row.Count <= Math.Max(q1, Math.Max(q2, label)) || string.IsNullOrWhiteSpace(row[q1]) || string.IsNullOrWhiteSpace(row[q2]))
            {
                continue;
            }

            pairs.Add(new LabeledPair(row[q1], row[q2], row[label].Trim() == "1"));
        }

        return pairs;
    }

    internal static List<List<string>> ParseRows(string text)
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
}
