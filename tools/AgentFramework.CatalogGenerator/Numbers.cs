using System.Globalization;

namespace AgentFramework.CatalogGenerator;

/// <summary>Rounding and formatting that give the same bytes on every machine and culture.</summary>
internal static class Numbers
{
    /// <summary>Rounds to <paramref name="digits"/> significant digits (away from zero at .5).</summary>
    public static double Significant(double value, int digits)
    {
        if (value == 0 || double.IsNaN(value) || double.IsInfinity(value))
        {
            return value;
        }

        var scale = (int)Math.Floor(Math.Log10(Math.Abs(value))) + 1 - digits;
        var rounded = scale >= 0
            ? Math.Round(value / Math.Pow(10, scale), MidpointRounding.AwayFromZero) * Math.Pow(10, scale)
            : Math.Round(value * Math.Pow(10, -scale), MidpointRounding.AwayFromZero) / Math.Pow(10, -scale);

        // Re-parse through the shortest decimal form so 0.30000000000000004 cannot survive.
        return double.Parse(rounded.ToString("G" + digits, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Shortest round-trip invariant form without exponent notation.</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON has no NaN or infinity.");
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.Ordinal))
        {
            text = ((decimal)value).ToString(CultureInfo.InvariantCulture);
        }

        return text;
    }
}
