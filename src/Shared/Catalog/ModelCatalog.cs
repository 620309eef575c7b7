using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace AgentFramework.Catalog;

/// <summary>
/// The model price and capability catalog: the embedded, generated file plus any user overrides.
/// </summary>
/// <remarks>
/// Overrides use the same schema. A model in an override whose id (or alias) matches an existing
/// model is merged field by field (capabilities per capability); any other model is added.
/// </remarks>
// Internal in the analyzer; still public in the runtime, whose public API uses it (see README.md).
#if AGENTFRAMEWORK_ANALYZER
internal
#else
public
#endif
sealed class ModelCatalog
{
    /// <summary>The manifest resource name of the embedded catalog, in both runtime and analyzer.</summary>
    internal const string EmbeddedResourceName = "AgentFramework.Catalog.agentframework.catalog.json";

    private readonly Dictionary<string, ModelCard> _byId;
    private readonly Dictionary<string, ModelCard> _byAlias;

    private ModelCatalog(IReadOnlyList<ModelCard> models, IReadOnlyList<CatalogSource> sources, string generated)
    {
        Models = models;
        Sources = sources;
        Generated = generated;
        _byId = new Dictionary<string, ModelCard>(StringComparer.OrdinalIgnoreCase);
        _byAlias = new Dictionary<string, ModelCard>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in models)
        {
            if (_byId.ContainsKey(model.Id))
            {
                throw new FormatException("The catalog lists model '" + model.Id + "' twice.");
            }

            _byId[model.Id] = model;
        }

        foreach (var model in models)
        {
            foreach (var alias in model.Aliases)
            {
                if (!_byId.ContainsKey(alias) && !_byAlias.ContainsKey(alias))
                {
                    _byAlias[alias] = model;
                }
            }
        }
    }

    /// <summary>All models, in catalog order.</summary>
    public IReadOnlyList<ModelCard> Models { get; }

    /// <summary>The data sources the catalog was generated from.</summary>
    internal IReadOnlyList<CatalogSource> Sources { get; }

    /// <summary>The date of the newest source data (ISO 8601).</summary>
    internal string Generated { get; }

    /// <summary>Loads the catalog embedded in the assembly that compiled this type.</summary>
    public static ModelCatalog LoadEmbedded()
    {
        var assembly = typeof(ModelCatalog).Assembly;
        using var stream = assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new InvalidOperationException("The embedded model catalog '" + EmbeddedResourceName + "' is missing from " + assembly.GetName().Name + ".");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Parses one or more catalog documents: the first is the base, the rest override it in order.</summary>
    /// <exception cref="FormatException">A document is not valid catalog JSON; the message says where.</exception>
    internal static ModelCatalog Parse(string baseJson, params string[] overrides)
    {
        var root = AsObject(CatalogJsonReader.Parse(baseJson), "catalog root");
        var rawModels = new List<Dictionary<string, object?>>();
        foreach (var m in AsList(Get(root, "models"), "models"))
        {
            rawModels.Add(AsObject(m, "model"));
        }

        var sources = new List<CatalogSource>();
        if (Get(root, "sources") is List<object?> rawSources)
        {
            foreach (var s in rawSources)
            {
                var o = AsObject(s, "source");
                sources.Add(new CatalogSource(Str(o, "name"), Str(o, "file"), Str(o, "date"), Str(o, "licence"), Str(o, "origin")));
            }
        }

        var generated = Get(root, "generated") as string ?? string.Empty;
        foreach (var json in overrides ?? Array.Empty<string>())
        {
            var over = AsObject(CatalogJsonReader.Parse(json), "override root");
            foreach (var m in AsList(Get(over, "models"), "models"))
            {
                MergeModel(rawModels, AsObject(m, "model"));
            }
        }

        var models = rawModels.Select(BuildCard).ToList();
        return new ModelCatalog(models, sources, generated);
    }

    /// <summary>Finds a model by id or alias (case-insensitive); <c>null</c> when unknown.</summary>
    public ModelCard? Find(string? idOrAlias)
    {
        if (string.IsNullOrWhiteSpace(idOrAlias))
        {
            return null;
        }

        var key = idOrAlias!.Trim();
        if (_byId.TryGetValue(key, out var model) || _byAlias.TryGetValue(key, out model))
        {
            return model;
        }

        // "openai/gpt-4.1" style ids: accept a provider prefix the catalog does not list.
        var slash = key.LastIndexOf('/');
        if (slash >= 0 && slash < key.Length - 1)
        {
            return Find(key.Substring(slash + 1));
        }

        return null;
    }

    /// <summary>Finds a model or throws an <see cref="UnknownModelException"/> that lists close ids.</summary>
    public ModelCard Get(string idOrAlias) =>
        Find(idOrAlias) ?? throw new UnknownModelException(idOrAlias, ClosestIds(idOrAlias, 3));

    /// <summary>
    /// The catalog ids closest to <paramref name="id"/> by edit distance (best first), counting only ids that are close:
    /// within a third of the id's length (at least 2 edits), or containing it (spaces and underscores read as dashes).
    /// An unrelated name gets none — a list of arbitrary ids would read as a suggestion (and the analyzer's code fix
    /// would offer them).
    /// </summary>
    internal IReadOnlyList<string> ClosestIds(string? id, int count)
    {
        var needle = (id ?? string.Empty).Trim().ToLowerInvariant().Replace(' ', '-').Replace('_', '-');
        var limit = Math.Max(2, needle.Length / 3);
        var close = new List<KeyValuePair<int, string>>();
        foreach (var model in Models)
        {
            var best = int.MaxValue;
            foreach (var name in new[] { model.Id }.Concat(model.Aliases))
            {
                var lower = name.ToLowerInvariant();
                var distance = needle.Length >= 3 && lower.Contains(needle) ? 0 : EditDistance(needle, lower);
                best = Math.Min(best, distance);
            }

            if (best <= limit)
            {
                close.Add(new KeyValuePair<int, string>(best, model.Id));
            }
        }

        return close
            .OrderBy(x => x.Key)
            .ThenBy(x => x.Value, StringComparer.Ordinal)
            .Take(Math.Max(0, count))
            .Select(x => x.Value)
            .ToList();
    }

    /// <summary>How the messages about an unknown id list <see cref="ClosestIds"/>: the ids, or "none is close".</summary>
    internal static string DescribeClosest(IReadOnlyList<string> closest) =>
        closest.Count == 0 ? "none is close" : string.Join(", ", closest);

    private static int EditDistance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            var t = prev;
            prev = cur;
            cur = t;
        }

        return prev[b.Length];
    }

    private static void MergeModel(List<Dictionary<string, object?>> models, Dictionary<string, object?> over)
    {
        var id = Str(over, "id");
        if (id.Length == 0)
        {
            throw new FormatException("A model in a catalog override has no 'id'.");
        }

        var target = models.FirstOrDefault(m => Matches(m, id));
        if (target == null)
        {
            models.Add(over);
            return;
        }

        foreach (var pair in over)
        {
            if (pair.Key == "id")
            {
                continue;
            }

            if (pair.Key == "capabilities" && pair.Value is Dictionary<string, object?> caps &&
                target.TryGetValue("capabilities", out var existing) && existing is Dictionary<string, object?> baseCaps)
            {
                var merged = new Dictionary<string, object?>(baseCaps, StringComparer.Ordinal);
                foreach (var c in caps)
                {
                    merged[c.Key] = c.Value;
                }

                target["capabilities"] = merged;
            }
            else
            {
                target[pair.Key] = pair.Value;
            }
        }
    }

    private static bool Matches(Dictionary<string, object?> model, string id)
    {
        if (string.Equals(Str(model, "id"), id, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return Get(model, "aliases") is List<object?> aliases &&
            aliases.OfType<string>().Any(a => string.Equals(a, id, StringComparison.OrdinalIgnoreCase));
    }

    private static ModelCard BuildCard(Dictionary<string, object?> o)
    {
        var id = Str(o, "id");
        if (id.Length == 0)
        {
            throw new FormatException("A catalog model has no 'id'.");
        }

        var features = ModelFeatures.None;
        if (Get(o, "features") is List<object?> rawFeatures)
        {
            foreach (var f in rawFeatures.OfType<string>())
            {
                if (!TryParseEnum<ModelFeatures>(f, out var flag))
                {
                    throw new FormatException("Model '" + id + "' has an unknown feature '" + f + "'.");
                }

                features |= flag;
            }
        }

        var caps = new Dictionary<Capability, CapabilityEvidence>();
        if (Get(o, "capabilities") is Dictionary<string, object?> rawCaps)
        {
            foreach (var pair in rawCaps)
            {
                if (!TryParseEnum<Capability>(pair.Key, out var capability))
                {
                    throw new FormatException("Model '" + id + "' has an unknown capability '" + pair.Key + "'.");
                }

                var e = AsObject(pair.Value, "capability evidence");
                if (!TryParseEnum<CapabilityLevel>(Str(e, "level"), out var level))
                {
                    throw new FormatException("Model '" + id + "' has an unknown level '" + Str(e, "level") + "' for " + pair.Key + ".");
                }

                caps[capability] = new CapabilityEvidence(level, Str(e, "benchmark"), Num(e, "score") ?? 0, Str(e, "source"));
            }
        }

        var aliases = Get(o, "aliases") is List<object?> rawAliases ? rawAliases.OfType<string>() : null;
        var input = Num(o, "inputPerMillion") ?? throw new FormatException("Model '" + id + "' has no 'inputPerMillion'.");
        var output = Num(o, "outputPerMillion") ?? throw new FormatException("Model '" + id + "' has no 'outputPerMillion'.");
        if (input < 0 || output < 0 || double.IsNaN(input) || double.IsNaN(output))
        {
            throw new FormatException("Model '" + id + "' has a negative or invalid price.");
        }

        return new ModelCard(
            id,
            Str(o, "provider"),
            input,
            output,
            Num(o, "cachedInputPerMillion"),
            (int)(Num(o, "contextWindow") ?? 0),
            (int)(Num(o, "maxOutputTokens") ?? 0),
            features,
            caps,
            aliases,
            Get(o, "displayName") as string);
    }

    private static bool TryParseEnum<T>(string text, out T value)
        where T : struct
    {
        // Catalog names are camelCase ("toolCalling"); enum names are PascalCase. Numbers are refused.
        value = default;
        return text.Length > 0 && !char.IsDigit(text[0]) && text[0] != '-' && Enum.TryParse(text, true, out value);
    }

    private static object? Get(Dictionary<string, object?> o, string key) => o.TryGetValue(key, out var v) ? v : null;

    private static string Str(Dictionary<string, object?> o, string key) => Get(o, key) as string ?? string.Empty;

    private static double? Num(Dictionary<string, object?> o, string key) => Get(o, key) is double d ? d : (double?)null;

    private static Dictionary<string, object?> AsObject(object? value, string what) =>
        value as Dictionary<string, object?> ?? throw new FormatException("Expected a JSON object for " + what + ".");

    private static List<object?> AsList(object? value, string what) =>
        value as List<object?> ?? throw new FormatException("Expected a JSON array for '" + what + "'.");
}
