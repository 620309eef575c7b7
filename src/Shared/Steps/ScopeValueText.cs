using System;
using System.Collections.Generic;
using System.Globalization;

namespace AgentFramework.Steps.Resolution;

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
