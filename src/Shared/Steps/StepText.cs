using System;
using System.Collections.Generic;
using System.Globalization;

namespace AgentFramework.Steps.Resolution;

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
