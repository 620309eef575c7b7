using System;
using System.Collections.Generic;
using System.Globalization;

namespace AgentFramework.Steps.Resolution;

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
