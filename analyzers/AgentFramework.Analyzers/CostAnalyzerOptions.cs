using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentFramework.Analyzers;

/// <summary>
/// The analyzer's <c>.editorconfig</c> options, read per syntax tree so a folder can tune them.
/// Severities use the standard <c>dotnet_diagnostic.AGFnnnn.severity</c> keys.
/// </summary>
internal sealed class CostAnalyzerOptions
{
    /// <summary>Key of the over-provisioning threshold (a ratio of prices).</summary>
    public const string OverProvisionRatioKey = "agentframework.overprovision_ratio";

    /// <summary>
    /// Key of the template for dollar amounts: <c>{0}</c> stands for the amount with two to four
    /// decimals and thousands separators; <c>{0:format}</c> applies a .NET numeric format instead.
    /// (A template, not a bare format string, because <c>#</c> starts a comment in .editorconfig.)
    /// </summary>
    public const string CurrencyFormatKey = "agentframework.currency_format";

    /// <summary>AGF0001 fires when the bound model costs at least this many times the cheapest sufficient one.</summary>
    public const double DefaultOverProvisionRatio = 4.0;

    /// <summary>Dollar sign before the amount.</summary>
    public const string DefaultCurrencyFormat = "${0}";

    /// <summary>Thousands separators, two decimals and up to two more for sub-cent prices.</summary>
    private const string AmountFormat = "#,##0.00##";

    private static readonly CostAnalyzerOptions Defaults = new CostAnalyzerOptions(DefaultOverProvisionRatio, DefaultCurrencyFormat);

    private CostAnalyzerOptions(double ratio, string currencyFormat)
    {
        OverProvisionRatio = ratio;
        CurrencyFormat = currencyFormat;
    }

    /// <value>Defaults to <see cref="DefaultOverProvisionRatio"/>; values below 1 or unparsable fall back to it.</value>
    public double OverProvisionRatio { get; }

    /// <value>Defaults to <see cref="DefaultCurrencyFormat"/>.</value>
    public string CurrencyFormat { get; }

    public static CostAnalyzerOptions For(AnalyzerOptions options, SyntaxTree? tree)
    {
        var provider = options.AnalyzerConfigOptionsProvider;
        var config = tree is null ? provider.GlobalOptions : provider.GetOptions(tree);
        var ratio = DefaultOverProvisionRatio;
        if (config.TryGetValue(OverProvisionRatioKey, out var rawRatio) &&
            double.TryParse(rawRatio.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) &&
            parsed >= 1 && !double.IsInfinity(parsed))
        {
            ratio = parsed;
        }

        var format = DefaultCurrencyFormat;
        if (config.TryGetValue(CurrencyFormatKey, out var rawFormat) && IsUsableFormat(rawFormat.Trim()))
        {
            format = rawFormat.Trim();
        }

        return ratio == DefaultOverProvisionRatio && format == DefaultCurrencyFormat
            ? Defaults
            : new CostAnalyzerOptions(ratio, format);
    }

    /// <summary>Formats US dollars with the configured template (invariant culture, so builds are reproducible).</summary>
    public string Money(double usd) => Format(CurrencyFormat, usd) ?? Format(DefaultCurrencyFormat, usd)!;

    private static string? Format(string template, double usd)
    {
        try
        {
            return template.IndexOf("{0}", StringComparison.Ordinal) >= 0
                ? template.Replace("{0}", usd.ToString(AmountFormat, CultureInfo.InvariantCulture))
                : string.Format(CultureInfo.InvariantCulture, template, usd);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool IsUsableFormat(string format)
    {
        if (format.Length == 0 || format.Length > 64)
        {
            return false;
        }

        // A template without the amount would print the same text for every figure.
        var a = Format(format, 1234.5);
        var b = Format(format, 0);
        return a != null && b != null && a != b;
    }
}
