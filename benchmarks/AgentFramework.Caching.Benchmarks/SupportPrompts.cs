namespace AgentFramework.Caching.Benchmarks;

/// <summary>
/// Deterministic support-style requests ("How do I reset the password on my account?"), so the stored entries of the
/// lookup benchmark live where a real cache's do — among embeddings of similar requests — instead of in random
/// directions that no real query comes near.
/// </summary>
internal static class SupportPrompts
{
    private static readonly string[] Verbs =
    [
        "change", "update", "reset", "delete", "add", "remove", "find", "export", "download", "upload", "cancel", "renew",
        "verify", "recover", "share", "transfer", "rename", "archive", "restore", "lock", "unlock", "enable", "disable",
        "view", "print", "sync", "link", "unlink", "report a problem with", "pay for",
    ];

    private static readonly string[] Objects =
    [
        "password", "phone number", "billing address", "payment method", "profile photo", "username", "subscription",
        "invoice", "order", "shipping address", "API key", "two-factor settings", "notification settings", "team members",
        "workspace", "project", "repository", "calendar", "contacts", "files", "shared folder", "backup", "device",
        "license", "plan", "refund", "gift card", "loyalty points", "wishlist", "security questions",
    ];

    private static readonly string[] Contexts =
    [
        "on my account", "in the mobile app", "on the website", "for my team", "in the admin console", "through the API",
        "on Android", "on iOS", "in the settings page", "without logging in",
    ];

    private static readonly string[] Templates =
    [
        "How do I {0} the {1} {2}?", "Can I {0} my {1} {2}?", "What happens if I {0} the {1} {2}?", "Why can't I {0} my {1} {2}?",
    ];

    /// <summary><paramref name="count"/> distinct requests, the same ones on every run.</summary>
    public static List<string> Sample(int count, int seed = 42)
    {
        var rng = new Random(seed);
        var result = new HashSet<string>(StringComparer.Ordinal);
        while (result.Count < count)
        {
            var template = Templates[rng.Next(Templates.Length)];
            result.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Verbs[rng.Next(Verbs.Length)], Objects[rng.Next(Objects.Length)], Contexts[rng.Next(Contexts.Length)]));
        }

        return [.. result];
    }
}
