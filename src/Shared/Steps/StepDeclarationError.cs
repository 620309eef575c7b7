using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AgentFramework.Catalog;

namespace AgentFramework.Steps.Resolution;

/// <summary>An invalid or conflicting declaration, described by where it is written (never by which step found it).</summary>
internal sealed class StepDeclarationError
{
    /// <summary>Creates an error.</summary>
    public StepDeclarationError(string message, StepSite site, StepAttributeData? attribute, int? parameterPosition = null)
    {
        Message = message;
        Site = site;
        Attribute = attribute;
        ParameterPosition = parameterPosition;
    }

    /// <summary>What is wrong and how to fix it, naming the declaration (e.g. "method 'Support.Classify' declares Budget(0); …").</summary>
    public string Message { get; }

    /// <summary>Where the offending declaration is written.</summary>
    public StepSite Site { get; }

    /// <summary>The offending attribute, when there is one.</summary>
    public StepAttributeData? Attribute { get; }

    /// <summary>The parameter the error is about, when it is about one.</summary>
    public int? ParameterPosition { get; }
}
