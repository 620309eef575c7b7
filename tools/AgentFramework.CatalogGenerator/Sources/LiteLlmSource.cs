using System.Globalization;
using System.Text.Json;

namespace AgentFramework.CatalogGenerator.Sources;

/// <summary>Reads litellm's <c>model_prices_and_context_window.json</c>.</summary>
internal static class LiteLlmSource
{
    /// <summary>The file name inside the data folder.</summary>
    public const string FileName = "litellm_model_prices_and_context_window.json";

    /// <summary>All model entries; the source date is the file's <c>last_updated</c> stamp.</summary>
    public static (IReadOnlyList<LiteLlmEntry> Entries, SourceInfo Info) Read(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true });
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{FileName} must hold a JSON object of model entries.");
        }

        var entries = new List<LiteLlmEntry>();
        string? lastUpdated = null;
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            if (property.Name == "last_updated" && property.Value.ValueKind == JsonValueKind.String)
            {
                lastUpdated = property.Value.GetString();
                continue;
            }

            if (property.Name == "sample_spec" || property.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var v = property.Value;
            entries.Add(new LiteLlmEntry(
                property.Name,
                Str(v, "litellm_provider") ?? string.Empty,
                Str(v, "mode") ?? string.Empty,
                Num(v, "input_cost_per_token"),
                Num(v, "output_cost_per_token"),
                Num(v, "cache_read_input_token_cost") ?? Num(v, "input_cost_per_token_cache_hit"),
                Int(v, "max_input_tokens") ?? Int(v, "max_tokens"),
                Int(v, "max_output_tokens") ?? Int(v, "max_tokens"),
                Str(v, "deprecation_date"),
                Bool(v, "supports_function_calling"),
                Bool(v, "supports_response_schema") || Bool(v, "supports_native_structured_output"),
                Bool(v, "supports_vision"),
                Bool(v, "supports_prompt_caching"),
                Bool(v, "supports_reasoning")));
        }

        var date = lastUpdated is { Length: >= 10 } && EpochSource.IsIsoDate(lastUpdated[..10])
            ? lastUpdated[..10]
            : throw new InvalidDataException($"{FileName} has no 'last_updated' date; the catalog needs it to date prices and deprecations.");
        var info = new SourceInfo(
            SourceNames.LiteLlm,
            FileName,
            date,
            "MIT",
            "BerriAI/litellm model_prices_and_context_window.json (via the RoCry/llm-api-price mirror @ 8442b93)");
        return (entries, info);
    }

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static double? Num(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var p))
        {
            return null;
        }

        return p.ValueKind switch
        {
            JsonValueKind.Number => p.GetDouble(),
            JsonValueKind.String when double.TryParse(p.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
    }

    private static long? Int(JsonElement o, string name) => Num(o, name) is { } d && d > 0 ? (long)Math.Round(d) : null;

    private static bool Bool(JsonElement o, string name) =>
        o.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.True;
}
