using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentFramework.Caching.Semantic;

/// <summary>
/// What a vector entry carries: the stored prompt (for the verifiers) and the serialized answer, so a hit
/// needs nothing but the index — which keeps working across processes when the index is shared (Qdrant).
/// </summary>
internal sealed record CachedEntryPayload(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("p")] string Prompt,
    [property: JsonPropertyName("r")] string Response,
    [property: JsonPropertyName("k")] string ExactKey)
{
    public const int CurrentVersion = 1;

    public string ToJson() => JsonSerializer.Serialize(this, CachedEntryPayloadContext.Default.CachedEntryPayload);

    public static CachedEntryPayload? TryParse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            var payload = JsonSerializer.Deserialize(json, CachedEntryPayloadContext.Default.CachedEntryPayload);
            return payload is { Version: CurrentVersion, Prompt: not null, Response: not null } ? payload : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
