namespace AgentFramework.Embeddings.Benchmarks;

/// <summary>Benchmark inputs, built in so the speed benchmarks run without the shared data folder.</summary>
internal static class Texts
{
    /// <summary>A typical 15-word user query (the single-query benchmarks).</summary>
    public const string Query = "How can I change the shipping address on an order that I already placed yesterday?";

    /// <summary>32 varied sentences of 3–40 words (the batch benchmarks).</summary>
    public static readonly string[] Batch =
    [
        "How do I reset my password?",
        "I forgot my password, how can I change it?",
        "Enable two-factor authentication for my account.",
        "What is the capital of France?",
        "Paris is the capital and most populous city of France, with an estimated population of two million residents.",
        "The invoice total was $1,234.56, due on 2024-03-15.",
        "Can you summarize this article in three bullet points?",
        "Translate 'good morning' into Spanish, please.",
        "WHY IS MY ORDER LATE?!",
        "Don't worry, it's fine -- we'll ship it tomorrow.",
        "Email me at support@example.com or visit https://example.com/help.",
        "The patient was prescribed 500 mg of amoxicillin twice daily for ten days after the examination.",
        "Refund policy: items may be returned within 30 days of purchase if they are unused and in the original packaging.",
        "Is it going to rain in Seattle tomorrow afternoon?",
        "Classify the sentiment of this review: terrible battery life, but the screen is gorgeous and the speakers are loud.",
        "ok",
        "Quantum entanglement links the states of two particles regardless of the distance between them.",
        "The mitochondria is the powerhouse of the cell.",
        "Set the thermostat to 21 degrees at 7:30am on weekdays.",
        "She said she would meet us at the airport at five in the evening.",
        "Write a haiku about autumn leaves falling on a quiet pond.",
        "Which of these three laptops has the longest battery life and the lightest weight for travel?",
        "Extract the customer name, order number and delivery date from the following email.",
        "The committee postponed the vote until next Tuesday because two members were absent.",
        "Explain recursion to a five year old.",
        "My package arrived damaged; the box was crushed and the glass inside was broken into pieces.",
        "What are the side effects of ibuprofen?",
        "List all employees hired after January 2020 in the engineering department, sorted by salary.",
        "Thanks!",
        "The stock market fell sharply on Monday after the central bank unexpectedly raised interest rates by half a point.",
        "Can I bring my dog on the train?",
        "Debug this function: it returns null when the input list is empty instead of an empty list.",
    ];
}
