using System.Globalization;
using System.Text;
using AgentFramework.CatalogGenerator.Mapping;
using AgentFramework.CatalogGenerator.Sources;

namespace AgentFramework.CatalogGenerator.Output;

/// <summary>
/// Writes the catalog JSON byte for byte the same on every run: fixed key order, invariant
/// numbers, '\n' line endings, one line per model header and one per capability.
/// </summary>
internal static class CatalogWriter
{
    /// <summary>The schema version the shared loader reads.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The generator name recorded in the catalog.</summary>
    public const string GeneratorName = "AgentFramework.CatalogGenerator (tools/AgentFramework.CatalogGenerator; rerun it to refresh this file)";

    /// <summary>Feature flags in the order they are written.</summary>
    private static readonly (ModelFeatures Flag, string Name)[] FeatureNames =
    [
        (ModelFeatures.ToolCalling, "toolCalling"),
        (ModelFeatures.StructuredOutput, "structuredOutput"),
        (ModelFeatures.Vision, "vision"),
        (ModelFeatures.PromptCaching, "promptCaching"),
        (ModelFeatures.Reasoning, "reasoning"),
    ];

    /// <summary>How names are matched, for the catalog's <c>levelMapping</c> documentation.</summary>
    public const string NameMatchingText =
        "Names are compared after lower-casing, dropping any provider/host prefix (text up to the last '/') and Epoch's run-setting " +
        "suffix (_high, _medium, _low, _minimal, _32K…). A score whose name equals one of the model's ids (the canonical id or a dated " +
        "snapshot litellm prices the same) is an exact match; otherwise a score matches every catalog model of the same family, i.e. " +
        "after also stripping release stamps from the end (-2025-04-14, -20250805, -preview[-06-05], -exp[-03-25], -08-2024, -0709, -001, @001).";

    /// <summary>How models are chosen, for the catalog's <c>levelMapping</c> documentation.</summary>
    public const string SelectionText =
        "litellm entries of a model maker's own API (openai, anthropic, gemini, mistral, deepseek, xai, zai, dashscope, moonshot, cohere, ai21), " +
        "mode chat, priced input and output, not deprecated before the litellm date, not audio/search/realtime/fine-tune/-latest variants. " +
        "Snapshots of one family at one price form one model named by the undated id (else the newest); the others become aliases. " +
        "Models without any capability evidence are left out. Prices are USD per million tokens, 6 significant digits; scores 4.";

    /// <summary>Renders the whole catalog.</summary>
    public static string Write(string generated, IReadOnlyList<SourceInfo> sources, IReadOnlyList<CatalogModel> models)
    {
        var sb = new StringBuilder(256 * 1024);
        sb.Append("{\n");
        sb.Append("  \"schemaVersion\": ").Append(SchemaVersion.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        sb.Append("  \"generated\": ").Append(Str(generated)).Append(",\n");
        sb.Append("  \"generator\": ").Append(Str(GeneratorName)).Append(",\n");
        WriteLevelMapping(sb);
        sb.Append("  \"sources\": [\n");
        for (var i = 0; i < sources.Count; i++)
        {
            var s = sources[i];
            sb.Append("    {\"name\": ").Append(Str(s.Name))
              .Append(", \"file\": ").Append(Str(s.File))
              .Append(", \"date\": ").Append(Str(s.Date))
              .Append(", \"licence\": ").Append(Str(s.Licence))
              .Append(", \"origin\": ").Append(Str(s.Origin))
              .Append('}').Append(i < sources.Count - 1 ? ",\n" : "\n");
        }

        sb.Append("  ],\n");
        sb.Append("  \"models\": [\n");
        for (var i = 0; i < models.Count; i++)
        {
            WriteModel(sb, models[i]);
            sb.Append(i < models.Count - 1 ? ",\n" : "\n");
        }

        sb.Append("  ]\n");
        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>The camelCase name of a capability, as the loader parses it.</summary>
    public static string CapabilityName(Capability capability) => Camel(capability.ToString());

    /// <summary>The lower-case name of a level, as the loader parses it.</summary>
    public static string LevelName(CapabilityLevel level) => level.ToString().ToLowerInvariant();

    private static void WriteLevelMapping(StringBuilder sb)
    {
        sb.Append("  \"levelMapping\": {\n");
        sb.Append("    \"method\": ").Append(Str(LevelMapping.MethodText)).Append(",\n");
        sb.Append("    \"nameMatching\": ").Append(Str(NameMatchingText)).Append(",\n");
        sb.Append("    \"modelSelection\": ").Append(Str(SelectionText)).Append(",\n");
        sb.Append("    \"scales\": {\n");
        for (var i = 0; i < LevelMapping.Rules.Count; i++)
        {
            var rule = LevelMapping.Rules[i];
            sb.Append("      ").Append(Str(CapabilityName(rule.Key))).Append(": [\n");
            for (var j = 0; j < rule.Value.Count; j++)
            {
                sb.Append("        ").Append(Str(rule.Value[j].Describe())).Append(j < rule.Value.Count - 1 ? ",\n" : "\n");
            }

            sb.Append("      ]").Append(i < LevelMapping.Rules.Count - 1 ? ",\n" : "\n");
        }

        sb.Append("    }\n");
        sb.Append("  },\n");
    }

    private static void WriteModel(StringBuilder sb, CatalogModel m)
    {
        sb.Append("    {\"id\": ").Append(Str(m.Id))
          .Append(", \"displayName\": ").Append(Str(m.DisplayName))
          .Append(", \"provider\": ").Append(Str(m.Provider))
          .Append(",\n     \"aliases\": [").Append(string.Join(", ", m.Aliases.Select(Str))).Append("],\n");
        sb.Append("     \"inputPerMillion\": ").Append(Numbers.Format(m.InputPerMillion))
          .Append(", \"outputPerMillion\": ").Append(Numbers.Format(m.OutputPerMillion));
        if (m.CachedInputPerMillion is { } cached)
        {
            sb.Append(", \"cachedInputPerMillion\": ").Append(Numbers.Format(cached));
        }

        sb.Append(", \"contextWindow\": ").Append(m.ContextWindow.ToString(CultureInfo.InvariantCulture))
          .Append(", \"maxOutputTokens\": ").Append(m.MaxOutputTokens.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        sb.Append("     \"features\": [")
          .Append(string.Join(", ", FeatureNames.Where(f => (m.Features & f.Flag) != 0).Select(f => Str(f.Name))))
          .Append("],\n");
        sb.Append("     \"capabilities\": {\n");
        for (var i = 0; i < m.Capabilities.Count; i++)
        {
            var (capability, e) = (m.Capabilities[i].Key, m.Capabilities[i].Value);
            sb.Append("       ").Append(Str(CapabilityName(capability)))
              .Append(": {\"level\": ").Append(Str(LevelName(e.Level)))
              .Append(", \"benchmark\": ").Append(Str(e.Benchmark))
              .Append(", \"score\": ").Append(Numbers.Format(e.Score))
              .Append(", \"source\": ").Append(Str(e.Source))
              .Append(", \"sourceModel\": ").Append(Str(e.MatchedName))
              .Append('}').Append(i < m.Capabilities.Count - 1 ? ",\n" : "\n");
        }

        sb.Append("     }}");
    }

    private static string Camel(string pascal) =>
        pascal.Length == 0 ? pascal : char.ToLowerInvariant(pascal[0]) + pascal[1..];

    /// <summary>A JSON string literal; only quotes, backslashes and control characters are escaped.</summary>
    internal static string Str(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var ch in value)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (ch < 0x20)
                    {
                        sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(ch);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
