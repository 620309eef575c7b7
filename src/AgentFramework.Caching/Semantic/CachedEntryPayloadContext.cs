using System.Text.Json.Serialization;

namespace AgentFramework.Caching.Semantic;

[JsonSerializable(typeof(CachedEntryPayload))]
internal sealed partial class CachedEntryPayloadContext : JsonSerializerContext;
