using Microsoft.CodeAnalysis;

namespace AgentFramework.Analyzers;

/// <summary>A model id a step is bound to, and where it is written.</summary>
internal sealed class ModelBinding
{
    public ModelBinding(string modelId, Location location, bool isStringLiteral)
    {
        ModelId = modelId;
        Location = location;
        IsStringLiteral = isStringLiteral;
    }

    public string ModelId { get; }

    public Location Location { get; }

    /// <summary>True when <see cref="Location"/> is a string literal the code fix can rewrite.</summary>
    public bool IsStringLiteral { get; }
}
