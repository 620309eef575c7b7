namespace SupportDesk.Agent;

/// <summary>
/// The support agent, as its callers see it. Registered with <c>AddAgent&lt;ISupportAgent, SupportAgent&gt;()</c>,
/// so every call through this interface runs as its step (routing, cache and ledger per step).
/// </summary>
public interface ISupportAgent
{
    /// <summary>Assigns the ticket to a queue and intent.</summary>
    Task<TicketClassification> ClassifyAsync(string tenant, string ticketText, CancellationToken cancellationToken = default);

    /// <summary>Pulls order number, product, country and amount out of the ticket.</summary>
    Task<OrderDetails> ExtractOrderDetailsAsync(string tenant, string ticketText, CancellationToken cancellationToken = default);

    /// <summary>Writes the two-line summary agents see in the ticket list.</summary>
    Task<string> SummarizeAsync(string tenant, string ticketText, CancellationToken cancellationToken = default);

    /// <summary>Drafts the reply an agent reviews and sends.</summary>
    Task<string> DraftReplyAsync(string tenant, string locale, string ticketText, TicketClassification classification, OrderDetails details, CancellationToken cancellationToken = default);

    /// <summary>Writes a legal assessment and opens a case in the legal queue.</summary>
    Task<LegalCase> EscalateToLegalAsync(string tenant, string ticketId, string ticketText, string summary, CancellationToken cancellationToken = default);
}
