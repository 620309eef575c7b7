using System.Collections.Concurrent;
using System.Reflection;
using AgentFramework.Steps.Resolution;

namespace AgentFramework.Steps;

/// <summary>
/// Feeds <see cref="StepDeclarationResolver"/> from reflection: turns the attributes of a method, the methods it
/// overrides, the interface methods it implements, its class chain and its assembly into
/// <see cref="StepAttributeData"/>, reading <see cref="CustomAttributeData"/> (no attribute is instantiated, no
/// inheritance is applied here). The Roslyn twin is the analyzer's <c>StepSymbolAdapter</c>.
/// </summary>
internal static class ReflectionStepAdapter
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    private static readonly ConcurrentDictionary<MethodInfo, ResolvedStep> Resolved = new();

    /// <summary>Resolves (and caches) what <paramref name="method"/> declares.</summary>
    /// <remarks>
    /// Interface methods are looked up on <see cref="MemberInfo.ReflectedType"/>, the type the method was obtained
    /// from (the agent class), so a step implemented by a base-class method still sees the interface that the
    /// agent class declares.
    /// </remarks>
    public static ResolvedStep Resolve(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return Resolved.GetOrAdd(method, m => StepDeclarationResolver.Resolve(Describe(m)));
    }

    /// <summary>Collects the declarations of <paramref name="method"/>.</summary>
    public static StepDeclaration Describe(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var implementing = method.ReflectedType ?? method.DeclaringType;
        if (method.IsGenericMethod && !method.IsGenericMethodDefinition)
        {
            method = method.GetGenericMethodDefinition();
        }

        var declaring = method.DeclaringType;
        var own = Member(method);
        var overridden = Overridden(method).Select(Member).ToList();
        var interfaces = implementing is null ? [] : InterfaceMembers(method, implementing).Select(Member).ToList();
        var types = new List<StepTypeAttributes>();
        for (var t = declaring; t is not null && t != typeof(object) && !t.IsInterface; t = t.BaseType)
        {
            types.Add(new StepTypeAttributes(t.Name, Convert(t.GetCustomAttributesData())));
        }

        var assembly = declaring is null ? StepDeclaration.NoAttributes : Convert(declaring.Assembly.GetCustomAttributesData());
        var parameters = Definition(method).GetParameters()
            .Select(p => new StepParameter(p.Name ?? "arg" + p.Position, p.Position, () => new(TypeName(p.ParameterType), Classify(p.ParameterType))))
            .ToList();
        return new StepDeclaration(own, overridden, interfaces, types, assembly, parameters);
    }

    private static StepMember Member(MethodInfo method)
    {
        var parameters = method.GetParameters().Select(p => Convert(p.GetCustomAttributesData())).ToList();
        return new StepMember(method.DeclaringType?.Name ?? "Global", SimpleName(method.Name), Convert(method.GetCustomAttributesData()), parameters);
    }

    /// <summary>An explicit implementation is named <c>Ns.IAgent.Classify</c> in metadata; the step calls it <c>Classify</c>.</summary>
    private static string SimpleName(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot >= 0 && dot < name.Length - 1 ? name[(dot + 1)..] : name;
    }

    /// <summary>The methods <paramref name="method"/> overrides, nearest first.</summary>
    private static IEnumerable<MethodInfo> Overridden(MethodInfo method)
    {
        if (!method.IsVirtual || method.DeclaringType is not { IsInterface: false } declaring)
        {
            yield break;
        }

        var root = method.GetBaseDefinition();
        if (root.HasSameMetadataDefinitionAs(method))
        {
            yield break;
        }

        var arity = method.GetParameters().Length;
        for (var t = declaring.BaseType; t is not null; t = t.BaseType)
        {
            var candidate = t.GetMethods(Declared).FirstOrDefault(m =>
                m.Name == method.Name && m.IsVirtual && m.GetParameters().Length == arity && m.GetBaseDefinition().HasSameMetadataDefinitionAs(root));
            if (candidate is null)
            {
                continue;
            }

            yield return candidate;
            if (candidate.HasSameMetadataDefinitionAs(root))
            {
                yield break;
            }
        }
    }

    /// <summary>The interface methods that <paramref name="implementing"/> maps to <paramref name="method"/>.</summary>
    private static IEnumerable<MethodInfo> InterfaceMembers(MethodInfo method, Type implementing)
    {
        if (implementing.IsInterface || method.IsStatic)
        {
            yield break;
        }

        foreach (var iface in implementing.GetInterfaces())
        {
            InterfaceMapping map;
            try
            {
                map = implementing.GetInterfaceMap(iface);
            }
            catch (ArgumentException)
            {
                continue;
            }
            catch (InvalidOperationException)
            {
                continue;
            }

            for (var i = 0; i < map.TargetMethods.Length; i++)
            {
                if (map.TargetMethods[i] is { } target && target.HasSameMetadataDefinitionAs(method) && target.DeclaringType?.Name == method.DeclaringType?.Name)
                {
                    yield return map.InterfaceMethods[i];
                }
            }
        }
    }

    /// <summary>The method as written (parameter types of a generic type's method stay type parameters).</summary>
    private static MethodBase Definition(MethodInfo method)
    {
        if (method.DeclaringType is { IsConstructedGenericType: true } type)
        {
            try
            {
                return MethodBase.GetMethodFromHandle(method.MethodHandle, type.GetGenericTypeDefinition().TypeHandle) ?? method;
            }
            catch (ArgumentException)
            {
                return method;
            }
        }

        return method;
    }

    private static List<StepAttributeData> Convert(IList<CustomAttributeData> attributes)
    {
        var result = new List<StepAttributeData>();
        foreach (var a in attributes)
        {
            if (!StepAttributeData.TryGetKind(a.AttributeType.FullName, out var kind))
            {
                continue;
            }

            var arguments = a.ConstructorArguments.Select(arg => Value(arg)).ToList();
            var named = a.NamedArguments.Select(n => new KeyValuePair<string, object?>(n.MemberName, Value(n.TypedValue))).ToList();
            result.Add(new StepAttributeData(kind, arguments, named, a));
        }

        return result;
    }

    /// <summary>Enums arrive as their underlying value already; arrays are not part of any of our attributes.</summary>
    private static object? Value(CustomAttributeTypedArgument argument) =>
        argument.Value is System.Collections.ObjectModel.ReadOnlyCollection<CustomAttributeTypedArgument> ? null : argument.Value;

    private static string TypeName(Type type) => type.IsByRef ? TypeName(type.GetElementType()!) : type.Name;

    /// <summary>How <see cref="Runtime.StepContextFactory.FormatScopeValue"/> renders values of <paramref name="type"/> (same rule as the analyzer's adapter).</summary>
    internal static ScopeValueText Classify(Type type)
    {
        if (type.IsByRef || type.IsPointer)
        {
            return type.IsByRef ? Classify(type.GetElementType()!) : ScopeValueText.Unknown;
        }

        if (type.IsGenericParameter)
        {
            return ScopeValueText.Unknown;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Classify(underlying);
        }

        if (type == typeof(string) || type.IsEnum || type.IsPrimitive || type == typeof(decimal) || typeof(IFormattable).IsAssignableFrom(type))
        {
            return ScopeValueText.Stable;
        }

        if (type.IsInterface || type.IsAbstract || type == typeof(object) || type == typeof(ValueType) || type == typeof(Enum))
        {
            return ScopeValueText.Unknown;
        }

        for (var t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
        {
            if (t.GetMethod(nameof(ToString), Declared & ~BindingFlags.Static, Type.EmptyTypes) is { IsVirtual: true } toString
                && toString.GetBaseDefinition().DeclaringType == typeof(object))
            {
                return ScopeValueText.Stable;
            }
        }

        return ScopeValueText.Unstable;
    }
}
