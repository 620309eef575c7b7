using AgentFramework.CatalogGenerator.Mapping;
using AgentFramework.CatalogGenerator.Matching;
using AgentFramework.CatalogGenerator.Sources;

namespace AgentFramework.CatalogGenerator;

/// <summary>
/// Chooses the catalog's models from litellm's entries and attaches benchmark evidence to them.
/// Every rule here is documented in the README; none names an individual model.
/// </summary>
internal static class CatalogBuilder
{
    /// <summary>litellm providers that are a model maker's own API → the catalog's provider name.</summary>
    /// <remarks>Clouds and hosts (bedrock, azure, vertex_ai, openrouter, groq, …) resell the same models and are left out.</remarks>
    public static IReadOnlyDictionary<string, string> DirectProviders { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["openai"] = "openai",
        ["anthropic"] = "anthropic",
        ["gemini"] = "google",
        ["mistral"] = "mistral",
        ["deepseek"] = "deepseek",
        ["xai"] = "xai",
        ["zai"] = "zai",
        ["dashscope"] = "alibaba",
        ["moonshot"] = "moonshot",
        ["cohere_chat"] = "cohere",
        ["ai21"] = "ai21",
    };

    /// <summary>Name fragments of chat-mode entries that are not general chat models (audio, search, fine-tunes, moving pointers…).</summary>
    public static IReadOnlyList<string> ExcludedFragments { get; } =
    [
        "ft:", "audio", "realtime", "search", "tts", "transcribe", "-live", "robotics", "computer-use",
        "customtools", "-latest", "image", "deep-research", "container", "embed", "moderation",
    ];

    /// <summary>Builds the models, sorted by provider then id.</summary>
    /// <param name="entries">litellm entries.</param>
    /// <param name="evidence">All evidence rows from all score sources.</param>
    /// <param name="dataDate">litellm's date (ISO): entries deprecated before it are skipped.</param>
    public static IReadOnlyList<CatalogModel> Build(IReadOnlyList<LiteLlmEntry> entries, IReadOnlyList<EvidenceRow> evidence, string dataDate)
    {
        var groups = SelectGroups(entries, dataDate);
        var matches = MatchEvidence(groups, evidence);
        var models = new List<CatalogModel>();
        foreach (var group in groups)
        {
            var model = BuildModel(group, matches.TryGetValue(group, out var rows) ? rows : []);
            if (model.Capabilities.Count > 0)
            {
                models.Add(model);
            }
        }

        models.Sort((a, b) =>
        {
            var byProvider = string.CompareOrdinal(a.Provider, b.Provider);
            return byProvider != 0 ? byProvider : string.CompareOrdinal(a.Id, b.Id);
        });
        CheckUnique(models);
        return models;
    }

    /// <summary>True when an entry is a current, priced, general chat model of a direct provider.</summary>
    internal static bool IsCandidate(LiteLlmEntry e, string dataDate)
    {
        if (!DirectProviders.ContainsKey(e.Provider) || !string.Equals(e.Mode, "chat", StringComparison.Ordinal))
        {
            return false;
        }

        if (e.InputPerToken is not > 0 || e.OutputPerToken is not > 0)
        {
            return false;
        }

        if (IsDeprecated(e.DeprecationDate, dataDate))
        {
            return false;
        }

        var name = ModelNames.Normalize(e.Key);
        return !ExcludedFragments.Any(f => e.Key.Contains(f, StringComparison.OrdinalIgnoreCase) || name.Contains(f, StringComparison.Ordinal));
    }

    /// <summary>A deprecation date strictly before the data date means the model is retired.</summary>
    internal static bool IsDeprecated(string? deprecationDate, string dataDate) =>
        deprecationDate is { Length: >= 10 } d && EpochSource.IsIsoDate(d[..10]) && string.CompareOrdinal(d[..10], dataDate) < 0;

    /// <summary>The id a litellm key stands for: the key without its provider prefix.</summary>
    internal static string IdOf(string key)
    {
        var slash = key.LastIndexOf('/');
        return slash >= 0 ? key[(slash + 1)..] : key;
    }

    private static List<ModelGroup> SelectGroups(IReadOnlyList<LiteLlmEntry> entries, string dataDate)
    {
        // One entry per (provider, id): "deepseek-chat" and "deepseek/deepseek-chat" are the same model.
        var byId = entries
            .Where(e => IsCandidate(e, dataDate))
            .GroupBy(e => (e.Provider, Id: IdOf(e.Key)))
            .Select(g => g.OrderBy(e => e.Key.Length).ThenBy(e => e.Key, StringComparer.Ordinal).First());

        // Snapshots of one model line at one price are one model; the undated id (else the newest) names it.
        return byId
            .GroupBy(e => (e.Provider, Family: ModelNames.Family(IdOf(e.Key)), e.InputPerToken, e.OutputPerToken))
            .Select(g =>
            {
                var members = g.OrderBy(e => IdOf(e.Key), StringComparer.Ordinal).ToList();
                var canonical = members.FirstOrDefault(e => ModelNames.IsUndated(IdOf(e.Key))) ?? members[^1];
                return new ModelGroup(g.Key.Family, canonical, members);
            })
            .OrderBy(g => g.Canonical.Provider, StringComparer.Ordinal)
            .ThenBy(g => IdOf(g.Canonical.Key), StringComparer.Ordinal)
            .ToList();
    }

    private static Dictionary<ModelGroup, List<(EvidenceRow Row, int Tier)>> MatchEvidence(List<ModelGroup> groups, IReadOnlyList<EvidenceRow> evidence)
    {
        var exact = new Dictionary<string, ModelGroup>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            foreach (var member in group.Members)
            {
                var name = ModelNames.Normalize(IdOf(member.Key));
                if (!exact.TryAdd(name, group))
                {
                    throw new InvalidOperationException(
                        $"The model name '{name}' is offered by both '{exact[name].Canonical.Key}' and '{member.Key}'; scores could not be attributed. " +
                        "Leave one of the providers out of CatalogBuilder.DirectProviders.");
                }
            }
        }

        var byFamily = groups.ToLookup(g => g.Family, StringComparer.Ordinal);
        var result = new Dictionary<ModelGroup, List<(EvidenceRow, int)>>();
        foreach (var row in evidence)
        {
            // Tier 1: the source names one of the model's own ids. Tier 2: a snapshot of the same
            // line that litellm no longer prices (a preview, an older date, a retired snapshot).
            if (exact.TryGetValue(ModelNames.Normalize(row.ModelName), out var group))
            {
                Add(result, group, row, 1);
                continue;
            }

            foreach (var g in byFamily[ModelNames.Family(row.ModelName)])
            {
                Add(result, g, row, 2);
            }
        }

        return result;
    }

    private static void Add(Dictionary<ModelGroup, List<(EvidenceRow, int)>> map, ModelGroup group, EvidenceRow row, int tier)
    {
        if (!map.TryGetValue(group, out var list))
        {
            map[group] = list = [];
        }

        list.Add((row, tier));
    }

    private static CatalogModel BuildModel(ModelGroup group, List<(EvidenceRow Row, int Tier)> rows)
    {
        var c = group.Canonical;
        var id = IdOf(c.Key);

        // Per (benchmark, source): exact matches beat family matches, then the best score, then the name.
        var best = rows
            .GroupBy(r => (r.Row.Benchmark, r.Row.Source))
            .ToDictionary(
                g => g.Key,
                g => g.OrderBy(r => r.Tier)
                      .ThenByDescending(r => r.Row.Score)
                      .ThenBy(r => r.Row.ModelName, StringComparer.Ordinal)
                      .First().Row);

        var capabilities = new List<KeyValuePair<Capability, CapabilityEvidenceRecord>>();
        foreach (var rule in LevelMapping.Rules)
        {
            if (LevelMapping.RequiresToolCalling(rule.Key) && !c.FunctionCalling)
            {
                continue;
            }

            var result = LevelMapping.Evaluate(rule.Key, (benchmark, source) =>
                best.TryGetValue((benchmark, source), out var row) ? Numbers.Significant(row.Score, 4) : null);
            if (result is { } r)
            {
                var row = best[(r.Scale.Benchmark, r.Scale.Source)];
                capabilities.Add(new(rule.Key, new CapabilityEvidenceRecord(r.Level, r.Scale.EvidenceLabel, r.Score, r.Scale.Source, row.ModelName, r.Scale)));
            }
        }

        var features = ModelFeatures.None;
        if (c.FunctionCalling)
        {
            features |= ModelFeatures.ToolCalling;
        }

        if (c.ResponseSchema)
        {
            features |= ModelFeatures.StructuredOutput;
        }

        if (c.Vision)
        {
            features |= ModelFeatures.Vision;
        }

        if (c.PromptCaching || c.CachedInputPerToken is > 0)
        {
            features |= ModelFeatures.PromptCaching;
        }

        if (c.Reasoning)
        {
            features |= ModelFeatures.Reasoning;
        }

        var provider = DirectProviders[c.Provider];
        var aliases = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var m in group.Members)
        {
            aliases.Add(IdOf(m.Key));
        }

        var keyPrefix = c.Key.Contains('/', StringComparison.Ordinal) ? c.Key[..c.Key.LastIndexOf('/')] : c.Provider;
        aliases.Add(keyPrefix + "/" + id);
        aliases.Add(provider + "/" + id);
        aliases.Remove(id);

        var display = rows
            .Where(r => r.Row.DisplayName != null)
            .OrderBy(r => r.Tier)
            .ThenBy(r => r.Row.Source == SourceNames.LlmStats ? 0 : 1)
            .ThenBy(r => r.Row.ModelName, StringComparer.Ordinal)
            .Select(r => r.Row.DisplayName)
            .FirstOrDefault() ?? id;

        return new CatalogModel(
            id,
            display,
            provider,
            [.. aliases],
            Numbers.Significant(c.InputPerToken!.Value * 1_000_000, 6),
            Numbers.Significant(c.OutputPerToken!.Value * 1_000_000, 6),
            c.CachedInputPerToken is > 0 and var cached ? Numbers.Significant(cached * 1_000_000, 6) : null,
            c.MaxInputTokens ?? 0,
            c.MaxOutputTokens ?? 0,
            features,
            capabilities);
    }

    private static void CheckUnique(List<CatalogModel> models)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in models)
        {
            foreach (var name in m.Aliases.Prepend(m.Id))
            {
                if (seen.TryGetValue(name, out var other) && other != m.Id)
                {
                    throw new InvalidOperationException($"The name '{name}' would belong to both '{other}' and '{m.Id}'.");
                }

                seen[name] = m.Id;
            }
        }
    }

    private sealed record ModelGroup(string Family, LiteLlmEntry Canonical, IReadOnlyList<LiteLlmEntry> Members);
}
