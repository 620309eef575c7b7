namespace AgentFramework.Steps;

/// <summary>
/// The one place that decides whether a tenant/user scope value can partition a cache, and how several
/// <see cref="CacheScopeAttribute"/> values become one scope without two different tuples ever meeting.
/// </summary>
/// <remarks>
/// A usable value is non-empty, not only white space and free of control characters. Several values are
/// joined with U+001F (the unit separator, itself a control character): since no usable value can contain
/// it, the joined string is unambiguous — ("acme|eve", "bob") and ("acme", "eve|bob") stay apart — and a
/// single value can never equal a joined one.
/// </remarks>
public static class TenantScopeValue
{
    /// <summary>The separator between the values of several <see cref="CacheScopeAttribute"/> parameters.</summary>
    public const char Separator = '\u001F';

    /// <summary>Whether <paramref name="value"/> can partition a cache (see the remarks of <see cref="TenantScopeValue"/>).</summary>
    public static bool IsUsable(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="scope"/> is a usable value or several usable values joined by <see cref="Combine"/>
    /// (what the cache accepts as a tenant scope from any source).
    /// </summary>
    public static bool IsWellFormed(string? scope)
    {
        if (scope is null)
        {
            return false;
        }

        // Runs on every cached request: walk the parts as spans instead of splitting into new strings.
        var rest = scope.AsSpan();
        while (true)
        {
            var end = rest.IndexOf(Separator);
            var part = end < 0 ? rest : rest[..end];
            if (part.IsWhiteSpace())
            {
                return false;
            }

            foreach (var c in part)
            {
                if (char.IsControl(c))
                {
                    return false;
                }
            }

            if (end < 0)
            {
                return true;
            }

            rest = rest[(end + 1)..];
        }
    }

    /// <summary>
    /// Combines the values of a step's <see cref="CacheScopeAttribute"/> parameters into one scope, or returns
    /// <c>null</c> when any of them is unusable (the cache then bypasses the call instead of guessing a scope).
    /// </summary>
    public static string? Combine(IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        foreach (var value in values)
        {
            if (!IsUsable(value))
            {
                return null;
            }
        }

        return values.Count == 1 ? values[0] : string.Join(Separator, values);
    }
}
