using System.Text.Json;

namespace SupportDesk.Workload;

/// <summary>Reads and writes workload files: one JSON ticket per line.</summary>
public static class WorkloadFile
{
    /// <summary>The serializer settings of workload files and reports.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,

        // Tickets are read by people too: keep apostrophes and currency signs as written.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads the tickets of <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">A line is not a valid ticket; the message names the line.</exception>
    public static IReadOnlyList<Ticket> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"The workload file '{full}' does not exist.", full);
        }

        var tickets = new List<Ticket>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(full))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            Ticket? ticket;
            try
            {
                ticket = JsonSerializer.Deserialize<Ticket>(line, Json);
            }
            catch (JsonException ex)
            {
                throw new FormatException($"{full}({lineNumber}): not a valid ticket: {ex.Message}", ex);
            }

            if (ticket is null || string.IsNullOrWhiteSpace(ticket.Text) || string.IsNullOrWhiteSpace(ticket.Tenant))
            {
                throw new FormatException($"{full}({lineNumber}): a ticket needs an id, a tenant and a text.");
            }

            tickets.Add(ticket);
        }

        if (tickets.Count == 0)
        {
            throw new FormatException($"The workload file '{full}' has no tickets.");
        }

        var duplicate = tickets.GroupBy(t => t.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FormatException($"The workload file '{full}' has ticket id '{duplicate.Key}' more than once.");
        }

        return tickets;
    }

    /// <summary>Writes <paramref name="tickets"/> to <paramref name="path"/>, one per line, LF line endings.</summary>
    public static void Write(string path, IEnumerable<Ticket> tickets)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(tickets);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var ticket in tickets)
        {
            writer.WriteLine(JsonSerializer.Serialize(ticket, Json));
        }
    }
}
