using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using SupportDesk.Agent;

namespace SupportDesk.Offline;

/// <summary>
/// What the offline stand-in answers: a deterministic function of the prompt only. It recognizes
/// the example's step instructions and answers them with <see cref="TicketReader"/>'s rule-based
/// reading of the ticket; any other prompt gets a short generic answer.
/// </summary>
public static class SupportDeskResponder
{
    /// <summary>The answer to <paramref name="messages"/>.</summary>
    public static string Answer(IReadOnlyList<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var instructions = messages.FirstOrDefault(m => m.Role == ChatRole.System)?.Text ?? string.Empty;
        var ticket = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;
        var facts = FactsOf(messages.Where(m => m.Role == ChatRole.System).Skip(1).Select(m => m.Text));
        var read = TicketReader.Read(ticket);
        return instructions switch
        {
            SupportPrompts.Classify => read.Label,
            SupportPrompts.Extract => JsonSerializer.Serialize(new { orderId = read.OrderId, product = read.Product, country = read.Country, amount = read.Amount }),
            SupportPrompts.Summarize => Summary(read),
            SupportPrompts.DraftReply => Reply(facts),
            SupportPrompts.EscalateLegal => Memo(read, facts),
            _ => "[offline stand-in] I can only answer the SupportDesk example's steps offline. Configure a model endpoint to ask anything else.",
        };
    }

    private static Dictionary<string, string> FactsOf(IEnumerable<string?> texts)
    {
        var facts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in texts.SelectMany(t => (t ?? string.Empty).Split('\n')))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                facts[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return facts;
    }

    private static string? Fact(Dictionary<string, string> facts, string key) =>
        facts.TryGetValue(key, out var v) && v is { Length: > 0 } && v != "-" ? v : null;

    private static string Summary(TicketFacts f)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Describe(f.Label)}.");
        var details = new List<string>();
        if (f.OrderId is not null)
        {
            details.Add("order " + f.OrderId);
        }

        if (f.Product is not null)
        {
            details.Add(f.Product);
        }

        if (f.Country is not null)
        {
            details.Add("customer in " + f.Country);
        }

        if (f.Amount is not null)
        {
            details.Add("amount " + f.Amount);
        }

        sb.Append(details.Count > 0 ? " Facts: " + string.Join(", ", details) + "." : " No order facts given.");
        return sb.ToString();
    }

    private static string Describe(string label) => label switch
    {
        "shipping/where-is-order" => "Customer asks where their order is; it has not been delivered yet",
        "shipping/change-address" => "Customer asks to change the delivery address of an order",
        "shipping/availability" => "Customer asks whether a product ships to their country",
        "returns/return-item" => "Customer wants to return a product",
        "billing/double-charge" => "Customer reports being charged twice for one order",
        "billing/refund-status" => "Customer asks when a refund will arrive",
        "account/reset-password" => "Customer cannot log in and needs a password reset",
        "account/enable-2fa" => "Customer wants to turn on two-factor authentication",
        "account/disable-2fa" => "Customer wants to turn off two-factor authentication",
        "subscription/enable-auto-renewal" => "Customer wants auto-renewal switched on",
        "subscription/disable-auto-renewal" => "Customer wants auto-renewal switched off",
        "technical/defect" => "Customer reports a faulty product",
        "legal/data-erasure" => "Customer requests erasure of their personal data under GDPR",
        "legal/dispute" => "Customer threatens legal action over an order",
        _ => "Customer has a general question",
    };

    private static string Reply(Dictionary<string, string> facts)
    {
        var shop = Fact(facts, "Shop") ?? "our shop";
        var british = Fact(facts, "Locale") == "en-GB";
        var order = Fact(facts, "Order");
        var product = Fact(facts, "Product");
        var country = Fact(facts, "Country");
        var amount = Fact(facts, "Amount");
        var label = Fact(facts, "Label") ?? "general/other";
        var orderRef = order is null ? "your order" : "order " + order;
        var body = label switch
        {
            "shipping/where-is-order" => $"I have checked {orderRef}: the parcel is with the carrier on its way to {country ?? "you"}. You will receive a tracking update within 48 hours, and if it has not arrived in five working days we will send a replacement at no cost.",
            "shipping/change-address" => $"I have updated the delivery address for {orderRef} to your new address in {country ?? "your country"}. If the parcel has already left our warehouse, the carrier will redirect it, which can add two working days.",
            "shipping/availability" => $"Yes, the {product ?? "product"} ships to {country ?? "your country"}. Delivery takes five to eight working days, and import duties are included in the price at checkout.",
            "returns/return-item" => $"I have opened a return for the {product ?? "item"} from {orderRef}. A prepaid label is on its way by email; once we receive the item, the refund reaches your account within five working days.",
            "billing/double-charge" => $"You are right: {orderRef} was charged twice ({amount ?? "the full amount"} each). I have reversed the duplicate payment of {amount ?? "that amount"}; your bank will show it within three to five working days.",
            "billing/refund-status" => $"The refund of {amount ?? "your payment"} for {orderRef} was approved and sent today. Depending on your bank it takes three to five working days to appear.",
            "account/reset-password" => "I have sent a fresh password-reset link to the email address on your account. It is valid for one hour; please check your spam folder if you cannot see it.",
            "account/enable-2fa" => "To turn on two-factor authentication, open Account settings, choose Security and select 'Enable two-factor authentication', then scan the code with your authenticator app.",
            "account/disable-2fa" => "To turn off two-factor authentication, open Account settings, choose Security and select 'Disable two-factor authentication'. For your safety we will ask for a code one last time.",
            "subscription/enable-auto-renewal" => "I have switched auto-renewal on for your subscription. You will get a reminder email seven days before each renewal.",
            "subscription/disable-auto-renewal" => "I have switched auto-renewal off for your subscription. It stays active until the end of the current period and will not renew.",
            "technical/defect" => $"I am sorry the {product ?? "product"} is faulty. It is covered by our two-year warranty: I have arranged a free replacement{(order is null ? string.Empty : " for " + orderRef)}, and a courier will collect the faulty unit.",
            "legal/data-erasure" => "We have received your erasure request and passed it to our data protection officer. We will confirm the deletion of your personal data within one month, as the law requires.",
            "legal/dispute" => $"I understand your frustration about {orderRef}. I have passed your case{(amount is null ? string.Empty : " and the " + amount + " in question")} to our disputes team, who will contact you within two working days.",
            _ => "Thank you for your message. A member of our team will look into it and reply within one working day.",
        };
        if (british)
        {
            body = body.Replace("on its way", "en route", StringComparison.Ordinal).Replace("check your spam", "check your junk", StringComparison.Ordinal);
        }

        var greeting = british ? "Dear customer," : "Hi there,";
        var signOff = british ? "Kind regards," : "Best regards,";
        return $"{greeting}\n\nThank you for contacting {shop} support. {body}\n\n{signOff}\nThe {shop} support team";
    }

    private static string Memo(TicketFacts f, Dictionary<string, string> facts)
    {
        var erasure = f.Intent == "data-erasure";
        var sb = new StringBuilder();
        sb.Append("LEGAL ESCALATION MEMO\n");
        sb.Append(CultureInfo.InvariantCulture, $"Ticket: {Fact(facts, "Ticket") ?? "-"} (shop {Fact(facts, "Shop") ?? "-"})\n\n");
        sb.Append("Legal basis:\n");
        sb.Append(erasure
            ? $"The customer invokes the right to erasure (GDPR Article 17){(f.Country is null ? string.Empty : ", as a resident of " + f.Country)}. The request must be answered without undue delay.\n\n"
            : $"The customer threatens legal action over order {f.OrderId ?? "(not stated)"} and a disputed amount of {f.Amount ?? "(not stated)"}; consumer-protection and card-scheme chargeback rules may apply.\n\n");
        sb.Append("Risk: ").Append(erasure ? "medium (regulatory fine if the deadline is missed)" : "high (chargeback fees, possible small-claims action)").Append("\n\n");
        sb.Append("Deadline: ").Append(erasure ? "one month from receipt (Article 12(3)), extendable by two months with notice." : "respond within 14 days to avoid escalation by the card issuer.").Append("\n\n");
        sb.Append("Facts to verify:\n");
        sb.Append(erasure
            ? "- identity of the requester matches the account holder\n- data held in order history, marketing lists and backups\n- legal retention duties (invoices) that override erasure\n\n"
            : "- payment records and refund history for the order\n- delivery evidence and prior correspondence\n- whether a chargeback has already been filed\n\n");
        sb.Append("Recommended action: ").Append(erasure
            ? "confirm receipt today, verify identity, erase or restrict data not under retention duty, and confirm completion in writing."
            : "offer a goodwill resolution within policy, preserve all records, and route any formal claim to external counsel.");
        return sb.ToString();
    }
}
