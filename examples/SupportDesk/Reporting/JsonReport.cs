using System.Text.Json;
using System.Text.Json.Serialization;
using SupportDesk.Job;

namespace SupportDesk.Reporting;

/// <summary>Writes and reads the run's figures as JSON (the same figures as the console and HTML reports).</summary>
public static class JsonReport
{
    /// <summary>The report's file name inside the output folder.</summary>
    public const string FileName = "supportdesk-report.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serializes <paramref name="result"/>.</summary>
    public static string Serialize(JobResult result) => JsonSerializer.Serialize(result, Options);

    /// <summary>Reads a report written by <see cref="Write"/>.</summary>
    public static JsonDocument Parse(string json) => JsonDocument.Parse(json);

    /// <summary>Writes the report into <paramref name="directory"/> and returns its path.</summary>
    public static string Write(JobResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, Serialize(result));
        return path;
    }
}
