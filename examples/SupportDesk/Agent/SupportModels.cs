namespace SupportDesk.Agent;

/// <summary>The queue and intent the classifier assigned.</summary>
public sealed record TicketClassification(string Category, string Intent)
{
    /// <summary><c>category/intent</c>.</summary>
    public string Label => $"{Category}/{Intent}";

    /// <summary>Parses <c>category/intent</c>, tolerating spacing, case and a trailing period.</summary>
    public static TicketClassification Parse(string text)
    {
        var line = (text ?? string.Empty).Trim().Split('\n')[0].Trim().TrimEnd('.').ToLowerInvariant();
        var slash = line.IndexOf('/', StringComparison.Ordinal);
        return slash > 0
            ? new TicketClassification(line[..slash].Trim(), line[(slash + 1)..].Trim())
            : new TicketClassification("general", line.Length == 0 ? "other" : line);
    }
}

/// <summary>Order facts extracted from a ticket; every field is optional.</summary>
public sealed record OrderDetails(string? OrderId, string? Product, string? Country, string? Amount);

/// <summary>A case opened in the legal queue.</summary>
public sealed record LegalCase(string CaseId, string TicketId, string Tenant, string Memo);
