using System.Text.Json.Serialization;

namespace SupportDesk.Workload;

/// <summary>How a ticket relates to the tickets before it; decides what the cache may do with it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TicketKind>))]
public enum TicketKind
{
    /// <summary>A new request.</summary>
    Original,

    /// <summary>The same text as an earlier ticket of the same tenant (sometimes with different spacing): should be an exact hit.</summary>
    Repeat,

    /// <summary>The same request as an earlier ticket in other words, same facts: may be a semantic hit.</summary>
    Paraphrase,

    /// <summary>An earlier ticket with one fact changed (order number, product, country, amount, enable/disable): must never be served from cache.</summary>
    NearDuplicate,

    /// <summary>The same text as an earlier ticket but for another tenant: must never be served from cache.</summary>
    OtherTenant,
}

/// <summary>What a correct answer to the ticket contains.</summary>
/// <param name="Category">Top-level queue (shipping, billing, returns, account, subscription, technical, legal).</param>
/// <param name="Intent">The specific request, e.g. <c>disable-2fa</c>.</param>
/// <param name="OrderId">The order number, when the ticket names one.</param>
/// <param name="Product">The product, when the ticket names one.</param>
/// <param name="Country">The country, when the ticket names one.</param>
/// <param name="Amount">The amount, when the ticket names one.</param>
public sealed record TicketTruth(string Category, string Intent, string? OrderId, string? Product, string? Country, string? Amount)
{
    /// <summary>The label the classifier must produce: <c>category/intent</c>.</summary>
    [JsonIgnore]
    public string Label => $"{Category}/{Intent}";

    /// <summary>Legal tickets go to the escalation step.</summary>
    [JsonIgnore]
    public bool NeedsEscalation => Category == "legal";
}

/// <summary>One support ticket of the workload.</summary>
public sealed record Ticket
{
    /// <summary>Ticket id, e.g. <c>T0042</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The shop (tenant) the ticket was sent to; a hard cache partition.</summary>
    public required string Tenant { get; init; }

    /// <summary>The customer's locale; replies are written for it.</summary>
    public required string Locale { get; init; }

    /// <summary>What the customer wrote.</summary>
    public required string Text { get; init; }

    /// <summary>How the ticket relates to earlier ones.</summary>
    public required TicketKind Kind { get; init; }

    /// <summary>The earlier ticket this one repeats, paraphrases or varies.</summary>
    public string? Of { get; init; }

    /// <summary>For near-duplicates: the fact that was changed.</summary>
    public string? Varies { get; init; }

    /// <summary>The ground truth.</summary>
    public required TicketTruth Expected { get; init; }
}
