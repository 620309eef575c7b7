using System.Globalization;
using System.Reflection;
using AgentFramework.Steps;

namespace AgentFramework.Runtime;

/// <summary>Per-call settings of a step invocation.</summary>
/// <param name="TenantScope">The tenant or user the call runs for; a hard cache partition. Overridden by <see cref="CacheScopeAttribute"/> parameters.</param>
/// <param name="ConversationId">The conversation the call continues, if any (the cache bypasses such calls).</param>
public sealed record StepInvocation(string? TenantScope = null, string? ConversationId = null);

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
        var tenantParts = new List<string>();
        foreach (var p in requirements.ScopeParameters)
        {
            var value = FormatScopeValue(p.Position < arguments.Count ? arguments[p.Position] : null);
            if (p.IsTenantScope)
            {
                tenantParts.Add(value);
            }
            else
            {
                values[p.ScopeField] = value;
            }
        }

        var tenant = tenantParts.Count > 0 ? string.Join("|", tenantParts) : invocation?.TenantScope;
        return new StepContext(requirements, values, tenant, invocation?.ConversationId);
    }

    /// <summary>Formats a scope value so that different values never compare equal (null is distinct from "").</summary>
    public static string FormatScopeValue(object? value) => value switch
    {
        null => "\u0000null",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
