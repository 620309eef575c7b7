using System.Globalization;
using System.Text.RegularExpressions;

namespace SupportDesk.Offline;

/// <summary>The facts the offline stand-in reads from a ticket.</summary>
public sealed record TicketFacts(string Category, string Intent, string? OrderId, string? Product, string? Country, string? Amount)
{
    /// <summary><c>category/intent</c>.</summary>
    public string Label => $"{Category}/{Intent}";
}

/// <summary>
/// The rule-based reading the offline stand-in model does in place of a real LLM: keyword rules for
/// the intent, patterns for order numbers and amounts, and the shops' product and country lists.
/// It sees only the text it is given, never the workload's ground truth.
/// </summary>
public static partial class TicketReader
{
    /// <summary>Products the example shops sell.</summary>
    public static readonly IReadOnlyList<string> Products =
    [
        "Aurora X2 headphones", "Nimbus 14 laptop", "Breeze air purifier", "Atlas standing desk",
        "Pulse smartwatch", "Orbit robot vacuum", "Lumen desk lamp", "Cascade espresso machine",
        "Summit hiking backpack", "Echo mini speaker",
    ];

    /// <summary>Countries the example shops ship to.</summary>
    public static readonly IReadOnlyList<string> Countries =
    [
        "Germany", "France", "Canada", "Spain", "Italy", "Japan", "Australia", "Mexico", "Ireland", "Norway",
        "Portugal", "Brazil",
    ];

    // Ordered: the first rule that matches decides. Legal language wins over the topic it is about.
    private static readonly (string Category, string Intent, string[] AnyOf)[] Rules =
    [
        ("legal", "data-erasure", ["gdpr", "personal data", "erase all", "right to erasure"]),
        ("legal", "dispute", ["legal action", "lawyer", "small claims", "consumer protection"]),
        ("account", "2fa", ["two-factor", "2fa", "two factor"]),
        ("subscription", "auto-renewal", ["auto-renew", "automatic renewal"]),
        ("billing", "double-charge", ["charged twice", "two payments", "billed twice", "double charge", "charged me twice"]),
        ("billing", "refund-status", ["refund"]),
        ("returns", "return-item", ["return", "send back", "send it back"]),
        ("shipping", "change-address", ["address"]),
        ("shipping", "availability", ["ship the", "deliver the", "available in", "ship to"]),
        ("shipping", "where-is-order", ["where is", "arrived", "tracking", "delivery status", "not delivered", "hasn't shown up"]),
        ("account", "reset-password", ["password", "log in", "locked out"]),
        ("technical", "defect", ["stopped working", "broken", "won't turn on", "faulty", "stopped charging", "keeps crashing"]),
    ];

    private static readonly string[] OffWords = ["disable", "turn off", "switch off", "remove", "deactivate", "stop"];

    /// <summary>Reads the facts of <paramref name="text"/>.</summary>
    public static TicketFacts Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var lower = text.ToLowerInvariant();
        var (category, intent) = ("general", "other");
        foreach (var rule in Rules)
        {
            if (rule.AnyOf.Any(k => lower.Contains(k, StringComparison.Ordinal)))
            {
                (category, intent) = (rule.Category, rule.Intent);
                break;
            }
        }

        if (intent is "2fa" or "auto-renewal")
        {
            // Toggle requests: the direction is the whole point of the ticket.
            var off = OffWords.Any(w => Regex.IsMatch(lower, $@"\b{Regex.Escape(w)}\b"));
            intent = (off ? "disable-" : "enable-") + intent;
        }

        var order = OrderPattern().Match(text);
        var amount = AmountPattern().Match(text);
        return new TicketFacts(
            category,
            intent,
            order.Success ? order.Value : null,
            Products.FirstOrDefault(p => text.Contains(p, StringComparison.OrdinalIgnoreCase)),
            Countries.FirstOrDefault(c => Regex.IsMatch(text, $@"\b{c}\b")),
            amount.Success ? amount.Value : null);
    }

    /// <summary>Formats an amount the way tickets write it.</summary>
    public static string FormatAmount(decimal value) => "$" + value.ToString("0.00", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\bSO-\d{5}\b")]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"\$\d+\.\d{2}")]
    private static partial Regex AmountPattern();
}
