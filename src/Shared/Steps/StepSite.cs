using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AgentFramework.Catalog;

namespace AgentFramework.Steps.Resolution;

/// <summary>Where an attribute that decided part of a step is written.</summary>
internal enum StepSite
{
    /// <summary>On the step method itself.</summary>
    Method,

    /// <summary>On a method the step method overrides.</summary>
    Overridden,

    /// <summary>On an interface method the step method implements.</summary>
    Interface,

    /// <summary>On the declaring class or one of its base classes.</summary>
    Type,

    /// <summary>On the assembly.</summary>
    Assembly,
}
