namespace ExampleDesks;

/// <summary>A support ticket from one customer account (the tenant: cache entries never cross it).</summary>
public sealed record Ticket(int Id, string Tenant, string Text, string Note);

/// <summary>
/// The example's workload: a few realistic tickets with the repetition real support traffic has — an exact
/// repeat, a paraphrase, a near-duplicate about another order, and the same question from another tenant.
/// </summary>
public static class Tickets
{
    public static IReadOnlyList<Ticket> All { get; } =
    [
        new(1, "acme", "I was charged twice for order #1182 this month, please refund the duplicate charge.", "billing, refund"),
        new(2, "acme", "Where is my parcel for order #2290? It has not arrived yet.", "shipping"),
        new(3, "globex", "The mobile app crashes every time I upload a photo.", "technical"),
        new(4, "acme", "Where is my parcel for order #2290? It has not arrived yet.", "exact repeat of #2"),
        new(5, "acme", "My parcel for order #2290 has still not arrived. Where is it?", "paraphrase of #2"),
        new(6, "acme", "Where is my parcel for order #2291? It has not arrived yet.", "near-duplicate of #2, another order"),
        new(7, "globex", "I bought headphones 45 days ago with order #3310 and I want a refund.", "billing, refund outside the window"),
        new(8, "globex", "How do I change the email address on my account?", "account"),
        new(9, "acme", "How do I change the email address on my account?", "same words as #8, another tenant"),
        new(10, "globex", "The mobile app crashes every time I upload a photo.", "exact repeat of #3"),
    ];
}
