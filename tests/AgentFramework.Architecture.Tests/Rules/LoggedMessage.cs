using System.Reflection;
using Microsoft.Extensions.Logging;

namespace AgentFramework.Architecture.Tests.Rules;

/// <summary>One <c>[LoggerMessage]</c> declaration found by reflection.</summary>
internal sealed record LoggedMessage(string Package, string Method, int EventId, string? EventName)
{
    /// <summary>Every <c>[LoggerMessage]</c> method in <paramref name="assembly"/>, nested and private types included.</summary>
    public static IEnumerable<LoggedMessage> In(Assembly assembly) =>
        from type in assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
        where attribute is not null
        select new LoggedMessage(assembly.GetName().Name!, $"{type.FullName}.{method.Name}", attribute.EventId, attribute.EventName);

    /// <inheritdoc />
    public override string ToString() => $"{Method} (id {EventId}, name '{EventName}')";
}
