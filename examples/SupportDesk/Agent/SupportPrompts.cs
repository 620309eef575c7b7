namespace SupportDesk.Agent;

/// <summary>The instructions of each step. Real models read them; the offline stand-in recognizes them.</summary>
public static class SupportPrompts
{
    /// <summary>Classification instructions.</summary>
    public const string Classify =
        "Classify the customer support ticket. Answer with exactly one label of the form category/intent, lower case, nothing else. "
        + "Categories and intents: shipping/where-is-order, shipping/change-address, shipping/availability, returns/return-item, "
        + "billing/double-charge, billing/refund-status, account/reset-password, account/enable-2fa, account/disable-2fa, "
        + "subscription/enable-auto-renewal, subscription/disable-auto-renewal, technical/defect, legal/data-erasure, legal/dispute, general/other.";

    /// <summary>Extraction instructions.</summary>
    public const string Extract =
        "Extract the order details from the customer support ticket. Answer with a JSON object with the string fields "
        + "orderId (like SO-12345), product (the product name as written), country and amount (like $12.34); use null for a field the ticket does not mention. "
        + "No other text.";

    /// <summary>Summarization instructions.</summary>
    public const string Summarize =
        "Summarize the customer support ticket for the agent queue in at most two short sentences: what the customer wants and the facts that matter "
        + "(order number, product, country, amount). Plain text.";

    /// <summary>Reply-drafting instructions.</summary>
    public const string DraftReply =
        "Draft a reply to the customer in the given locale's spelling and tone. Be specific: repeat the order number, product and amount the facts give, "
        + "say what happens next and when. At most 120 words. Sign as the support team of the shop. Plain text.";

    /// <summary>Legal escalation instructions.</summary>
    public const string EscalateLegal =
        "Prepare a legal escalation memo for the ticket: the legal basis the customer invokes, the risk to the shop (low, medium, high), the statutory "
        + "or contractual deadline, the facts to verify, and the recommended next action. Be precise and conservative. Plain text with short headed sections.";
}
