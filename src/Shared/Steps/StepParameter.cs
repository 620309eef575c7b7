using System;
using System.Collections.Generic;
using System.Globalization;

namespace AgentFramework.Steps.Resolution;

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
