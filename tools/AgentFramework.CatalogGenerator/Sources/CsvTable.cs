using System.Text;

namespace AgentFramework.CatalogGenerator.Sources;

/// <summary>
/// A CSV file read into rows keyed by header (RFC 4180: quoted fields may hold commas, quotes and
/// line breaks). The Epoch and llm-stats exports use exactly that dialect, so a small reader is
/// enough and keeps the tool free of a parsing dependency.
/// </summary>
internal sealed class CsvTable
{
    private CsvTable(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        Headers = headers;
        Rows = rows;
    }

    /// <summary>The header names, trimmed, without a byte-order mark.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>The data rows; a missing trailing cell reads as an empty string.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; }

    /// <summary>Reads a CSV file.</summary>
    public static CsvTable Load(string path) => Parse(File.ReadAllText(path, Encoding.UTF8), path);

    /// <summary>Parses CSV text; <paramref name="origin"/> names the input in error messages.</summary>
    public static CsvTable Parse(string text, string origin = "CSV")
    {
        var records = ReadRecords(text, origin);
        if (records.Count == 0)
        {
            throw new InvalidDataException($"{origin} is empty: expected a header row.");
        }

        var headers = records[0].Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        var rows = new List<IReadOnlyDictionary<string, string>>(records.Count - 1);
        for (var i = 1; i < records.Count; i++)
        {
            var record = records[i];
            if (record.Count == 1 && record[0].Length == 0)
            {
                continue; // blank line
            }

            var row = new Dictionary<string, string>(headers.Length, StringComparer.Ordinal);
            for (var c = 0; c < headers.Length; c++)
            {
                row[headers[c]] = c < record.Count ? record[c] : string.Empty;
            }

            rows.Add(row);
        }

        return new CsvTable(headers, rows);
    }

    /// <summary>Throws a clear error when a column the reader relies on is missing.</summary>
    public void RequireColumns(string origin, params string[] columns)
    {
        var missing = columns.Where(c => !Headers.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"{origin} lacks the column(s) {string.Join(", ", missing)}; found: {string.Join(", ", Headers)}.");
        }
    }

    private static List<List<string>> ReadRecords(string text, string origin)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i = 1;
        }

        for (; i < text.Length; i++)
        {
            var ch = text[i];
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"':
                    inQuotes = true;
                    break;
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    record.Add(field.ToString());
                    field.Clear();
                    records.Add(record);
                    record = new List<string>();
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }

        if (inQuotes)
        {
            throw new InvalidDataException($"{origin} ends inside a quoted field.");
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }
}
