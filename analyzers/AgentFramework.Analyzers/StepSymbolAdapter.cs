using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using AgentFramework.Steps.Resolution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentFramework.Analyzers;

/// <summary>
/// Feeds the shared <see cref="StepDeclarationResolver"/> from Roslyn symbols: turns the attributes of a method,
/// the methods it overrides, the interface methods it implements, its class chain and its assembly into
/// <see cref="StepAttributeData"/>. The reflection twin is the runtime's <c>ReflectionStepAdapter</c>; a test
/// compiles one fixture set and asserts both resolve it identically.
/// </summary>
/// <remarks>One instance per compilation: the attributes of types and assemblies are converted once and shared by their steps.</remarks>
internal sealed class StepSymbolAdapter
{
    private readonly Dictionary<INamedTypeSymbol, StepAttributeKind> _kinds = new Dictionary<INamedTypeSymbol, StepAttributeKind>(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, IReadOnlyList<StepAttributeData>> _types =
        new ConcurrentDictionary<INamedTypeSymbol, IReadOnlyList<StepAttributeData>>(SymbolEqualityComparer.Default);

    private readonly ConcurrentDictionary<IAssemblySymbol, IReadOnlyList<StepAttributeData>> _assemblies =
        new ConcurrentDictionary<IAssemblySymbol, IReadOnlyList<StepAttributeData>>(SymbolEqualityComparer.Default);

    public StepSymbolAdapter(KnownSymbols known)
    {
        Add(known.AgentStep, StepAttributeKind.AgentStep);
        Add(known.Requires, StepAttributeKind.Requires);
        Add(known.RequiresFeatures, StepAttributeKind.RequiresFeatures);
        Add(known.MinContextWindow, StepAttributeKind.MinContextWindow);
        Add(known.UseModel, StepAttributeKind.UseModel);
        Add(known.ExpectedVolume, StepAttributeKind.ExpectedVolume);
        Add(known.Budget, StepAttributeKind.Budget);
        Add(known.SemanticCache, StepAttributeKind.SemanticCache);
        Add(known.NoCache, StepAttributeKind.NoCache);
        Add(known.HasSideEffects, StepAttributeKind.HasSideEffects);
        Add(known.CacheKey, StepAttributeKind.CacheKey);
        Add(known.CacheScope, StepAttributeKind.CacheScope);
        Add(known.KernelFunction, StepAttributeKind.KernelFunction);

        void Add(INamedTypeSymbol? symbol, StepAttributeKind kind)
        {
            if (symbol != null)
            {
                _kinds[symbol] = kind;
            }
        }
    }

    /// <summary>The kind of <paramref name="attributeClass"/>, when it is one of the attributes steps read.</summary>
    public bool TryGetKind(INamedTypeSymbol? attributeClass, out StepAttributeKind kind)
    {
        kind = default(StepAttributeKind);
        return attributeClass != null && _kinds.TryGetValue(attributeClass, out kind);
    }

    /// <summary>Resolves what <paramref name="method"/> declares, looking interfaces up on <paramref name="implementingType"/> (default: its containing type).</summary>
    public ResolvedStep Resolve(IMethodSymbol method, INamedTypeSymbol? implementingType = null) =>
        StepDeclarationResolver.Resolve(Describe(method, implementingType));

    /// <summary>Collects the declarations of <paramref name="method"/>.</summary>
    public StepDeclaration Describe(IMethodSymbol method, INamedTypeSymbol? implementingType = null)
    {
        method = method.OriginalDefinition;
        var containing = method.ContainingType;
        var implementing = implementingType ?? containing;
        var own = Member(method);

        var overridden = new List<StepMember>();
        for (var m = method.OverriddenMethod; m != null; m = m.OverriddenMethod)
        {
            overridden.Add(Member(m));
        }

        var interfaces = new List<StepMember>();
        if (implementing != null && implementing.TypeKind != TypeKind.Interface && !method.IsStatic)
        {
            foreach (var iface in implementing.AllInterfaces)
            {
                foreach (var member in iface.GetMembers())
                {
                    if (member is IMethodSymbol candidate && candidate.MethodKind == MethodKind.Ordinary && !candidate.IsStatic &&
                        implementing.FindImplementationForInterfaceMember(candidate) is IMethodSymbol target &&
                        SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, method))
                    {
                        interfaces.Add(Member(candidate));
                    }
                }
            }
        }

        var types = new List<StepTypeAttributes>();
        for (var t = containing; t != null && t.SpecialType != SpecialType.System_Object && t.TypeKind != TypeKind.Interface; t = t.BaseType)
        {
            types.Add(new StepTypeAttributes(t.MetadataName, TypeAttributes(t)));
        }

        var assembly = containing?.ContainingAssembly is IAssemblySymbol a
            ? (_assemblies.TryGetValue(a, out var converted) ? converted : _assemblies.GetOrAdd(a, Convert(a.GetAttributes())))
            : StepDeclaration.NoAttributes;

        var parameters = new List<StepParameter>(method.Parameters.Length);
        foreach (var p in method.Parameters)
        {
            var type = p.Type;
            parameters.Add(new StepParameter(p.Name, p.Ordinal, () => new KeyValuePair<string, ScopeValueText>(TypeName(type), Classify(type))));
        }

        return new StepDeclaration(own, overridden, interfaces, types, assembly, parameters);
    }

    /// <summary>Our attributes on <paramref name="type"/> itself (converted once per compilation).</summary>
    public IReadOnlyList<StepAttributeData> TypeAttributes(INamedTypeSymbol type)
    {
        // Look-up first: the type's steps all ask, and a miss is rare.
        var definition = type.OriginalDefinition;
        return _types.TryGetValue(definition, out var attributes) ? attributes : _types.GetOrAdd(definition, Convert(definition.GetAttributes()));
    }

    /// <summary>Converts our attributes among <paramref name="attributes"/>; the rest are skipped.</summary>
    public IReadOnlyList<StepAttributeData> Convert(ImmutableArray<AttributeData> attributes)
    {
        if (attributes.IsEmpty)
        {
            return StepDeclaration.NoAttributes;
        }

        var result = new List<StepAttributeData>();
        foreach (var a in attributes)
        {
            if (!TryGetKind(a.AttributeClass, out var kind))
            {
                continue;
            }

            var arguments = new object?[a.ConstructorArguments.Length];
            for (var i = 0; i < arguments.Length; i++)
            {
                arguments[i] = Value(a.ConstructorArguments[i]);
            }

            var named = new List<KeyValuePair<string, object?>>(a.NamedArguments.Length);
            foreach (var pair in a.NamedArguments)
            {
                named.Add(new KeyValuePair<string, object?>(pair.Key, Value(pair.Value)));
            }

            result.Add(new StepAttributeData(kind, arguments, named, a));
        }

        return result;
    }

    private StepMember Member(IMethodSymbol method)
    {
        var parameters = new List<IReadOnlyList<StepAttributeData>>(method.Parameters.Length);
        var partial = method.PartialDefinitionPart != null || method.PartialImplementationPart != null;
        var syntax = partial ? null : ParameterSyntaxes(method);
        foreach (var p in method.Parameters)
        {
            var mayHaveAttributes = partial || (syntax.HasValue ? syntax.Value[p.Ordinal].AttributeLists.Count > 0 : MayHaveAttributes(p));
            parameters.Add(mayHaveAttributes ? Convert(p.GetAttributes()) : StepDeclaration.NoAttributes);
        }

        // An explicit implementation's metadata name is qualified (Ns.IAgent.Classify); the step calls it Classify.
        var name = method.ExplicitInterfaceImplementations.Length > 0 ? method.ExplicitInterfaceImplementations[0].Name : method.Name;
        return new StepMember(method.ContainingType?.MetadataName ?? "Global", name, Convert(method.GetAttributes()), parameters);
    }

    /// <summary>
    /// The parameter syntax of a method declared once in source, by ordinal, read from the method's own declaration;
    /// <c>null</c> when that is not its exact shape (metadata, several declarations, <c>__arglist</c>).
    /// </summary>
    /// <remarks>
    /// A parameter's own <see cref="ISymbol.DeclaringSyntaxReferences"/> is found again from its location by a search
    /// down from the root of the tree, for every parameter of every step; the method keeps its syntax at hand.
    /// </remarks>
    private static SeparatedSyntaxList<ParameterSyntax>? ParameterSyntaxes(IMethodSymbol method)
    {
        var references = method.DeclaringSyntaxReferences;
        if (references.Length != 1 || !(references[0].GetSyntax() is BaseMethodDeclarationSyntax declaration))
        {
            return null;
        }

        var parameters = declaration.ParameterList.Parameters;
        if (parameters.Count != method.Parameters.Length)
        {
            return null;
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            // Only the shape this method trusts: one ordinary parameter per symbol, in order.
            if (parameters[i].Identifier.ValueText != method.Parameters[i].Name)
            {
                return null;
            }
        }

        return parameters;
    }

    /// <summary>
    /// False for a source parameter written without attribute lists: its attributes need not be bound (binding them
    /// is the costly part, and most step parameters have none).
    /// </summary>
    private static bool MayHaveAttributes(IParameterSymbol parameter)
    {
        var references = parameter.DeclaringSyntaxReferences;
        if (references.Length == 0)
        {
            return true;
        }

        foreach (var reference in references)
        {
            if (!(reference.GetSyntax() is ParameterSyntax syntax) || syntax.AttributeLists.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The type's name as reflection's <c>Type.Name</c> spells it (<c>List`1</c>, <c>String[]</c>), for messages both adapters must word alike.</summary>
    private static string TypeName(ITypeSymbol type) =>
        type is IArrayTypeSymbol array
            ? TypeName(array.ElementType) + "[" + new string(',', array.Rank - 1) + "]"
            : type.MetadataName;

    /// <summary>Enum and primitive constants as their values; anything that does not compile as <c>null</c>.</summary>
    private static object? Value(TypedConstant constant) =>
        constant.Kind == TypedConstantKind.Primitive || constant.Kind == TypedConstantKind.Enum ? constant.Value : null;

    /// <summary>How the runtime's <c>StepContextFactory.FormatScopeValue</c> renders values of <paramref name="type"/> (same rule as the runtime's adapter).</summary>
    internal static ScopeValueText Classify(ITypeSymbol type)
    {
        if (type is ITypeParameterSymbol || type.TypeKind == TypeKind.Error || type.TypeKind == TypeKind.Pointer || type.TypeKind == TypeKind.Dynamic ||
            type.TypeKind == TypeKind.FunctionPointer)
        {
            return ScopeValueText.Unknown;
        }

        if (type is INamedTypeSymbol named && named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && named.TypeArguments.Length == 1)
        {
            return Classify(named.TypeArguments[0]);
        }

        if (type.SpecialType == SpecialType.System_String || type.TypeKind == TypeKind.Enum || IsPrimitive(type.SpecialType) || IsFormattable(type))
        {
            return ScopeValueText.Stable;
        }

        if (type.TypeKind == TypeKind.Interface || type.IsAbstract || type.SpecialType == SpecialType.System_Object ||
            type.SpecialType == SpecialType.System_ValueType || type.SpecialType == SpecialType.System_Enum)
        {
            return ScopeValueText.Unknown;
        }

        for (var t = type; t != null && t.SpecialType != SpecialType.System_Object && t.SpecialType != SpecialType.System_ValueType; t = t.BaseType)
        {
            foreach (var member in t.GetMembers("ToString"))
            {
                if (member is IMethodSymbol m && m.IsOverride && !m.IsStatic && m.Parameters.Length == 0)
                {
                    return ScopeValueText.Stable;
                }
            }
        }

        return ScopeValueText.Unstable;
    }

    private static bool IsFormattable(ITypeSymbol type)
    {
        foreach (var i in type.AllInterfaces)
        {
            if (i.Name == "IFormattable" && i.ContainingNamespace?.Name == "System" && i.ContainingNamespace.ContainingNamespace?.IsGlobalNamespace == true)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPrimitive(SpecialType special)
    {
        switch (special)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
            case SpecialType.System_IntPtr:
            case SpecialType.System_UIntPtr:
                return true;
            default:
                return false;
        }
    }
}
