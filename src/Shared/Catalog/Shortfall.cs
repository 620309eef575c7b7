using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AgentFramework.Catalog;

/// <summary>Why a model cannot serve a step.</summary>
internal sealed class Shortfall
{
    /// <summary>Creates a shortfall.</summary>
    public Shortfall(string kind, string message)
    {
        Kind = kind;
        Message = message;
    }

    /// <summary>A stable kind: <c>capability</c>, <c>feature</c> or <c>context</c>.</summary>
    public string Kind { get; }

    /// <summary>A human-readable explanation.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => Message;
}
