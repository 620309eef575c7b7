using System.Collections.ObjectModel;
using System.Text;

namespace AgentFramework.VectorSearch;

/// <summary>
/// A set of exact-match fields (tenant, step, prompt hash, …) that partitions a vector index.
/// A search only ever sees entries whose scope is equal field for field: scope is a hard filter,
/// never mixed into the vector.
/// </summary>
public sealed class VectorScope : IEquatable<VectorScope>
{
    /// <summary>The most fields a scope may have.</summary>
    public const int MaxFields = 32;

    /// <summary>The longest name or value, in characters.</summary>
    public const int MaxFieldLength = 512;

    private readonly SortedDictionary<string, string> _fields;

    /// <summary>Creates a scope from field name/value pairs.</summary>
    /// <exception cref="ArgumentException">A name is empty or repeated, a value is null, or a limit is exceeded.</exception>
    public VectorScope(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            if (string.IsNullOrEmpty(name) || name.Length > MaxFieldLength)
            {
                throw new ArgumentException($"Scope field names must have 1 to {MaxFieldLength} characters.", nameof(fields));
            }

            if (value is null || value.Length > MaxFieldLength)
            {
                throw new ArgumentException($"Scope field '{name}' must have a value of at most {MaxFieldLength} characters.", nameof(fields));
            }

            if (!_fields.TryAdd(name, value))
            {
                throw new ArgumentException($"Scope field '{name}' is given twice.", nameof(fields));
            }
        }

        if (_fields.Count > MaxFields)
        {
            throw new ArgumentException($"A scope has at most {MaxFields} fields.", nameof(fields));
        }

        Fields = new ReadOnlyDictionary<string, string>(_fields);
        Key = BuildKey(_fields);
    }

    /// <summary>The scope with no fields. Entries stored with it are only seen by searches with it.</summary>
    public static VectorScope Empty { get; } = new([]);

    /// <summary>The fields, ordered by name (ordinal).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>
    /// A canonical, unambiguous string for the whole scope (length-prefixed fields in name order);
    /// equal scopes have equal keys. Suitable as a partition key.
    /// </summary>
    public string Key { get; }

    /// <summary>Creates a scope from <c>("tenant", "t1"), ("step", "classify")</c> pairs.</summary>
    public static VectorScope Of(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    /// <inheritdoc />
    public bool Equals(VectorScope? other) => other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as VectorScope);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    /// <inheritdoc />
    public override string ToString() => _fields.Count == 0 ? "{}" : "{" + string.Join(", ", _fields.Select(f => f.Key + "=" + f.Value)) + "}";

    private static string BuildKey(SortedDictionary<string, string> fields)
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            sb.Append(name.Length).Append(':').Append(name).Append(value.Length).Append(':').Append(value).Append(';');
        }

        return sb.ToString();
    }
}
