namespace SupportDesk.Hosting;

/// <summary>Settings of the SupportDesk run, bound from <c>appsettings.json</c>, environment variables (<c>SUPPORTDESK__*</c>) and the command line.</summary>
public sealed class SupportDeskSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "SupportDesk";

    /// <summary>
    /// The model a naive setup would send every step to; dollars are compared against it.
    /// <value>Defaults to <c>claude-opus-4-1</c>.</value>
    /// </summary>
    public string BaselineModel { get; set; } = "claude-opus-4-1";

    /// <summary>
    /// The catalog models the offline stand-in plays (the router chooses among them per step).
    /// <value>Defaults to a spread from nano-priced to frontier models; ids the catalog lacks are skipped.</value>
    /// </summary>
    public List<string> OfflineModels { get; set; } =
    [
        "gpt-4.1-nano", "gemini-2.5-flash-lite", "gpt-4.1-mini", "gemini-2.5-flash", "gpt-4o-mini", "gpt-4.1", "gpt-4o",
        "claude-haiku-4-5", "claude-sonnet-4-5", "gemini-2.5-pro", "o3", "gpt-5", "claude-opus-4-1",
    ];

    /// <summary>
    /// Multiplier on the stand-in's simulated latency.
    /// <value>Defaults to 0.01 (one simulated second takes 10 ms); 0 disables waiting.</value>
    /// </summary>
    public double LatencyScale { get; set; } = 0.01;

    /// <summary>
    /// Whether steps go through the semantic cache.
    /// <value>Defaults to <c>true</c>.</value>
    /// </summary>
    public bool Cache { get; set; } = true;

    /// <summary>
    /// Where the cache's vector index persists; <c>null</c> keeps it in memory for the run.
    /// <value>Defaults to <c>null</c>, so every run starts cold and its figures are reproducible.</value>
    /// </summary>
    public string? CacheDirectory { get; set; }
}
