using System;
using System.Collections.Generic;
using System.Globalization;

namespace AgentFramework.Steps.Resolution;

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
