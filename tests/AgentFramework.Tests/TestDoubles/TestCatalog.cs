using AgentFramework.Catalog;

namespace AgentFramework.Tests.TestDoubles;

/// <summary>A small hand-written catalog so routing tests do not depend on the generated data.</summary>
internal static class TestCatalog
{
    public const string Json = """
    {
      "schemaVersion": 1, "generated": "2026-01-01", "sources": [],
      "models": [
        { "id": "tiny", "provider": "p1", "inputPerMillion": 0.1, "outputPerMillion": 0.4, "contextWindow": 16000, "maxOutputTokens": 4000,
          "features": ["structuredOutput"],
          "capabilities": { "classification": { "level": "standard", "benchmark": "B", "score": 0.5, "source": "test" },
                            "extraction": { "level": "basic", "benchmark": "B", "score": 0.5, "source": "test" } } },
        { "id": "small", "aliases": ["small-2025", "p2/small"], "provider": "p2", "inputPerMillion": 0.4, "outputPerMillion": 1.6, "cachedInputPerMillion": 0.1,
          "contextWindow": 128000, "maxOutputTokens": 16000, "features": ["toolCalling", "structuredOutput"],
          "capabilities": { "classification": { "level": "advanced", "benchmark": "B", "score": 0.7, "source": "test" },
                            "extraction": { "level": "standard", "benchmark": "B", "score": 0.7, "source": "test" },
                            "writing": { "level": "standard", "benchmark": "B", "score": 0.7, "source": "test" } } },
        { "id": "big", "provider": "p3", "inputPerMillion": 3, "outputPerMillion": 15, "contextWindow": 200000, "maxOutputTokens": 32000,
          "features": ["toolCalling", "structuredOutput", "vision"],
          "capabilities": { "classification": { "level": "frontier", "benchmark": "B", "score": 0.9, "source": "test" },
                            "extraction": { "level": "advanced", "benchmark": "B", "score": 0.9, "source": "test" },
                            "writing": { "level": "advanced", "benchmark": "B", "score": 0.9, "source": "test" },
                            "reasoning": { "level": "advanced", "benchmark": "B", "score": 0.9, "source": "test" } } },
        { "id": "frontier", "provider": "p3", "inputPerMillion": 15, "outputPerMillion": 75, "contextWindow": 200000, "maxOutputTokens": 32000,
          "features": ["toolCalling", "structuredOutput", "vision", "reasoning"],
          "capabilities": { "classification": { "level": "frontier", "benchmark": "B", "score": 0.95, "source": "test" },
                            "reasoning": { "level": "frontier", "benchmark": "B", "score": 0.95, "source": "test" },
                            "writing": { "level": "frontier", "benchmark": "B", "score": 0.95, "source": "test" } } },
        { "id": "twin-a", "provider": "p4", "inputPerMillion": 1, "outputPerMillion": 2, "contextWindow": 32000, "maxOutputTokens": 4000,
          "capabilities": { "math": { "level": "standard", "benchmark": "B", "score": 0.6, "source": "test" } } },
        { "id": "twin-b", "provider": "p4", "inputPerMillion": 1, "outputPerMillion": 2, "contextWindow": 64000, "maxOutputTokens": 4000,
          "capabilities": { "math": { "level": "standard", "benchmark": "B", "score": 0.6, "source": "test" } } },
        { "id": "twin-c", "provider": "p4", "inputPerMillion": 1, "outputPerMillion": 2, "contextWindow": 64000, "maxOutputTokens": 4000,
          "capabilities": { "math": { "level": "standard", "benchmark": "B", "score": 0.6, "source": "test" } } }
      ]
    }
    """;

    public static ModelCatalog Load() => ModelCatalog.Parse(Json);
}
