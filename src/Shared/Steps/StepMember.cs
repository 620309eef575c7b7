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
