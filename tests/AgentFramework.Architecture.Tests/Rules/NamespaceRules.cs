using System.CodeDom.Compiler;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace AgentFramework.Architecture.Tests.Rules;

/// <summary>
/// Every type a package declares lives in the package's root namespace or below it. The one exception is the
/// .NET convention for registration extensions: <c>*ServiceCollectionExtensions</c> in
/// <c>Microsoft.Extensions.DependencyInjection</c> and kernel extensions in <c>Microsoft.SemanticKernel</c>.
/// </summary>
internal static class NamespaceRules
{
    private static readonly Dictionary<string, string> ExtensionNamespaces = new(StringComparer.Ordinal)
    {
        ["Microsoft.Extensions.DependencyInjection"] = "ServiceCollectionExtensions",
        ["Microsoft.SemanticKernel"] = "Extensions",
    };

    /// <summary>The root namespace of a package: its assembly name, except the attributes users write, which are in <c>AgentFramework</c>.</summary>
    public static string RootNamespace(string assemblyName) =>
        assemblyName == ShippedPackages.Abstractions ? "AgentFramework" : assemblyName;

    /// <summary>Types of <paramref name="assembly"/> outside <paramref name="rootNamespace"/> that are not allowed there.</summary>
    public static IReadOnlyList<string> Offenders(Assembly assembly, string rootNamespace) =>
        [.. assembly.GetTypes()
            .Where(t => !t.IsNested && !IsGenerated(t))
            .Where(t => t.Namespace != rootNamespace && t.Namespace?.StartsWith(rootNamespace + ".", StringComparison.Ordinal) != true)
            .Where(t => !IsRegistrationExtension(t))
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal)];

    /// <summary>True for a type named like a registration extension in the namespace of what it extends.</summary>
    public static bool IsRegistrationExtension(string typeNamespace, string typeName) =>
        ExtensionNamespaces.TryGetValue(typeNamespace, out var suffix) && typeName.EndsWith(suffix, StringComparison.Ordinal);

    private static bool IsRegistrationExtension(Type type) =>
        type is { IsAbstract: true, IsSealed: true } // static class
        && type.Namespace is { } ns
        && IsRegistrationExtension(ns, type.Name);

    // Compiler and source-generator output (<Module>, embedded attributes, generated regexes) is not ours to place.
    private static bool IsGenerated(Type type) =>
        type.Namespace is null
        || type.Name.StartsWith('<')
        || type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false)
        || type.IsDefined(typeof(GeneratedCodeAttribute), inherit: false)
        || type.Namespace == "Microsoft.CodeAnalysis";
}
