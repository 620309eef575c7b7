using System;
using System.Collections.Generic;
using System.Globalization;

namespace AgentFramework.Steps.Resolution;

/// <summary>
/// One declaration of a step method: the method itself, a method it overrides, or an interface method it
/// implements. Only the attributes written on that declaration, none inherited.
/// </summary>
internal sealed class StepMember
{
    private static readonly IReadOnlyList<StepAttributeData>[] NoParameters = new IReadOnlyList<StepAttributeData>[0];

    /// <summary>Creates a member.</summary>
    /// <param name="typeName">The declaring type's metadata name (<c>Agent`1</c> for a generic type).</param>
    /// <param name="methodName">The method name; for an explicit interface implementation, the interface method's name.</param>
    /// <param name="attributes">Our attributes on the method.</param>
    /// <param name="parameterAttributes">Our attributes on each parameter, by position.</param>
    public StepMember(string typeName, string methodName, IReadOnlyList<StepAttributeData> attributes, IReadOnlyList<IReadOnlyList<StepAttributeData>>? parameterAttributes = null)
    {
        TypeName = typeName;
        MethodName = methodName;
        Attributes = attributes;
        ParameterAttributes = parameterAttributes ?? NoParameters;
    }

    /// <summary>The declaring type's metadata name.</summary>
    public string TypeName { get; }

    /// <summary>The method's simple name.</summary>
    public string MethodName { get; }

    /// <summary><c>{TypeName}.{MethodName}</c>.</summary>
    public string DisplayName => TypeName + "." + MethodName;

    /// <summary>Our attributes on the method.</summary>
    public IReadOnlyList<StepAttributeData> Attributes { get; }

    /// <summary>Our attributes on each parameter, by position.</summary>
    public IReadOnlyList<IReadOnlyList<StepAttributeData>> ParameterAttributes { get; }

    /// <summary>The attributes of the parameter at <paramref name="position"/> (empty when there are none).</summary>
    public IReadOnlyList<StepAttributeData> Parameter(int position) =>
        position < ParameterAttributes.Count ? ParameterAttributes[position] : StepDeclaration.NoAttributes;
}

/// <summary>Our attributes on one class of the step's declaring-type chain.</summary>
internal sealed class StepTypeAttributes
{
    /// <summary>Creates the layer.</summary>
    public StepTypeAttributes(string typeName, IReadOnlyList<StepAttributeData> attributes)
    {
        TypeName = typeName;
        Attributes = attributes;
    }

    /// <summary>The type's metadata name.</summary>
    public string TypeName { get; }

    /// <summary>Our attributes on the type.</summary>
    public IReadOnlyList<StepAttributeData> Attributes { get; }
}

/// <summary>How a parameter's value turns into cache-scope text (<c>StepContextFactory.FormatScopeValue</c>).</summary>
internal enum ScopeValueText
{
    /// <summary>Distinct values give distinct text: string, enum, primitive, <c>IFormattable</c>, or a type that overrides <c>ToString()</c>.</summary>
    Stable,

    /// <summary>Cannot be told from the declared type (object, interface, abstract class, type parameter).</summary>
    Unknown,

    /// <summary>Every value gives the type's name (a concrete class or struct that neither overrides <c>ToString()</c> nor is <c>IFormattable</c>).</summary>
    Unstable,
}

/// <summary>A parameter of the step method.</summary>
internal sealed class StepParameter
{
    private readonly Func<KeyValuePair<string, ScopeValueText>> _describeType;
    private KeyValuePair<string, ScopeValueText>? _type;

    /// <summary>Creates a parameter.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="position">The parameter position.</param>
    /// <param name="describeType">The type's name and how its values print; asked only for cache-scope parameters (it can be costly).</param>
    public StepParameter(string name, int position, Func<KeyValuePair<string, ScopeValueText>> describeType)
    {
        Name = name;
        Position = position;
        _describeType = describeType;
    }

    /// <summary>The parameter name.</summary>
    public string Name { get; }

    /// <summary>The parameter position.</summary>
    public int Position { get; }

    /// <summary>The declared type's name, for messages.</summary>
    public string TypeName => Type.Key;

    /// <summary>How its value becomes scope text.</summary>
    public ScopeValueText ValueText => Type.Value;

    private KeyValuePair<string, ScopeValueText> Type => _type ?? (_type = _describeType()).Value;
}

/// <summary>
/// Everything an adapter collects about one method for step resolution: where each attribute is written,
/// never what it means. <see cref="StepDeclarationResolver"/> decides the meaning.
/// </summary>
internal sealed class StepDeclaration
{
    /// <summary>An empty attribute list.</summary>
    public static readonly IReadOnlyList<StepAttributeData> NoAttributes = new StepAttributeData[0];

    /// <summary>Creates a declaration.</summary>
    /// <param name="method">The method itself.</param>
    /// <param name="overridden">The methods it overrides, nearest first.</param>
    /// <param name="interfaceMembers">The interface methods it implements (any order).</param>
    /// <param name="typeChain">Our attributes on the declaring type, then on each base class, nearest first.</param>
    /// <param name="assembly">Our assembly-level attributes of the declaring type's assembly.</param>
    /// <param name="parameters">The method's parameters.</param>
    public StepDeclaration(
        StepMember method,
        IReadOnlyList<StepMember> overridden,
        IReadOnlyList<StepMember> interfaceMembers,
        IReadOnlyList<StepTypeAttributes> typeChain,
        IReadOnlyList<StepAttributeData> assembly,
        IReadOnlyList<StepParameter> parameters)
    {
        Method = method;
        Overridden = overridden;
        InterfaceMembers = interfaceMembers;
        TypeChain = typeChain;
        Assembly = assembly;
        Parameters = parameters;
    }

    /// <summary>The method itself.</summary>
    public StepMember Method { get; }

    /// <summary>The methods it overrides, nearest first.</summary>
    public IReadOnlyList<StepMember> Overridden { get; }

    /// <summary>The interface methods it implements.</summary>
    public IReadOnlyList<StepMember> InterfaceMembers { get; }

    /// <summary>Our attributes on the declaring type and its base classes, nearest first.</summary>
    public IReadOnlyList<StepTypeAttributes> TypeChain { get; }

    /// <summary>Our assembly-level attributes.</summary>
    public IReadOnlyList<StepAttributeData> Assembly { get; }

    /// <summary>The method's parameters.</summary>
    public IReadOnlyList<StepParameter> Parameters { get; }
}

/// <summary>Invariant text of attribute values, for messages and canonical descriptions.</summary>
internal static class StepText
{
    /// <summary>Formats a value the way C# would write it (round-trip doubles, quoted strings).</summary>
    public static string Value(object? value)
    {
        switch (value)
        {
            case null: return "null";
            case string s: return "\"" + s + "\"";
            case double d: return Number(d);
            case float f: return Number(f);
            case bool b: return b ? "true" : "false";
            case IFormattable formattable: return formattable.ToString(null, CultureInfo.InvariantCulture);
            default: return value.ToString() ?? string.Empty;
        }
    }

    /// <summary>A double in C# terms: <c>double.NaN</c>, <c>double.PositiveInfinity</c>, else round-trip digits.</summary>
    public static string Number(double d)
    {
        if (double.IsNaN(d))
        {
            return "double.NaN";
        }

        if (double.IsPositiveInfinity(d))
        {
            return "double.PositiveInfinity";
        }

        if (double.IsNegativeInfinity(d))
        {
            return "double.NegativeInfinity";
        }

        return d.ToString("R", CultureInfo.InvariantCulture);
    }
}
