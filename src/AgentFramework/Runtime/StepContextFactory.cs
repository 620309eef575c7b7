using System.Globalization;
using System.Reflection;
using AgentFramework.Steps;

namespace AgentFramework.Runtime;

/// <summary>Builds the <see cref="StepContext"/> of a method call from its requirements and arguments.</summary>
public static class StepContextFactory
{
    /// <summary>Creates the context for calling <paramref name="method"/> with <paramref name="arguments"/>.</summary>
    public static StepContext Create(MethodInfo method, IReadOnlyList<object?> arguments, StepInvocation? invocation = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(arguments);
        var requirements = StepRequirements.For(method);
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var tenantParts = new List<string?>();
        foreach (var p in requirements.ScopeParameters)
        {
            var value = FormatScopeValue(p.Position < arguments.Count ? arguments[p.Position] : null);
            if (p.IsTenantScope)
            {
                tenantParts.Add(value);
            }
            else if (value is not null)
            {
                // A null key value is left out: absent is distinct from every string, "" and "\0null" included.
                values[p.ScopeField] = value;
            }
        }

        if (tenantParts.Count == 0)
        {
            return new StepContext(requirements, values, invocation?.TenantScope, invocation?.ConversationId);
        }

        var tenant = TenantScopeValue.Combine(tenantParts);
        return new StepContext(requirements, values, tenant, invocation?.ConversationId) { TenantScopeMissing = tenant is null };
    }

    /// <summary>
    /// Formats a scope value with the invariant culture; <c>null</c> stays <c>null</c>, so no string (not even a
    /// sentinel such as <c>"\0null"</c>) can stand for a missing value.
    /// </summary>
    public static string? FormatScopeValue(object? value) => value switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
