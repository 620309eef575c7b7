namespace AgentFramework.Analyzers;

/// <summary>
/// Keys of the properties the analyzers attach to their diagnostics, which the code fixes read: the fix and
/// the analyzer can never disagree about which model is meant.
/// </summary>
internal static class DiagnosticProperties
{
    /// <summary>The model id the binding names.</summary>
    public const string BoundModelProperty = "BoundModelId";

    /// <summary>The cheapest catalog model meeting the needs (the code fix's replacement).</summary>
    public const string SuggestedModelProperty = "SuggestedModelId";

    /// <summary>AGF0003: the closest catalog ids, comma-separated, closest first.</summary>
    public const string ClosestModelsProperty = "ClosestModelIds";

    /// <summary>"true" when the diagnostic's location is a string literal the code fix can rewrite.</summary>
    public const string FixableProperty = "IsStringLiteral";
}
