using Microsoft.Extensions.Logging;

namespace AgentFramework.Caching.Diagnostics;

internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Debug, "Cache bypassed for step {StepId}: {Reason}", EventName = "Bypassed")]
    public static partial void Bypassed(ILogger logger, string stepId, string reason);

    [LoggerMessage(2002, LogLevel.Debug, "Cache {Tier} hit for step {StepId} (entry {EntryId}, score {Score}, verdicts {Verdicts})", EventName = "Hit")]
    public static partial void Hit(ILogger logger, string tier, string stepId, string entryId, double score, string? verdicts);

    [LoggerMessage(2003, LogLevel.Information, "Cache candidate {EntryId} for step {StepId} vetoed at score {Score}: {Reason}", EventName = "Vetoed")]
    public static partial void Vetoed(ILogger logger, string stepId, string entryId, double score, string reason);

    [LoggerMessage(2004, LogLevel.Warning, "Cache {Component} failed for step {StepId}; the request goes to the model (fail open)", EventName = "Fault")]
    public static partial void Fault(ILogger logger, Exception exception, string component, string stepId);

    [LoggerMessage(2005, LogLevel.Debug, "Answer for step {StepId} not stored: {Reason}", EventName = "NotStored")]
    public static partial void NotStored(ILogger logger, string stepId, string reason);

    [LoggerMessage(2006, LogLevel.Warning, "Publishing cache invalidation (tag {Tag}, scope {ScopeKey}) failed; other instances keep their local copies until they expire", EventName = "PublishFailed")]
    public static partial void PublishFailed(ILogger logger, Exception exception, string? tag, string? scopeKey);

    [LoggerMessage(2007, LogLevel.Warning, "Applying a cache invalidation from instance {SourceInstanceId} failed", EventName = "RemoteInvalidationFailed")]
    public static partial void RemoteInvalidationFailed(ILogger logger, Exception exception, string sourceInstanceId);

    [LoggerMessage(2008, LogLevel.Warning, "Semantic cache tier disabled: {Reason}. Only exact repeats will be served; register an IEmbeddingGenerator (e.g. AddOnnxEmbeddingGenerator()) and an IVectorIndex (e.g. AddEmbeddedVectorIndex()) for paraphrases", EventName = "SemanticTierDisabled")]
    public static partial void SemanticTierDisabled(ILogger logger, string reason);

    [LoggerMessage(2009, LogLevel.Debug, "Request for step {StepId} waited for a pending paraphrase (score {Score})", EventName = "JoinedPending")]
    public static partial void JoinedPending(ILogger logger, string stepId, double score);

    [LoggerMessage(2010, LogLevel.Debug, "Semantic tier skipped for step {StepId}: the prompt is longer than the embedding model's window, so only the exact tier can answer it", EventName = "PastEmbeddingWindow")]
    public static partial void PastEmbeddingWindow(ILogger logger, string stepId);

    [LoggerMessage(2011, LogLevel.Error, "The semantic cache tier is off: {Component} could not be created ({Reason}). The exact tier still answers and every request still reaches the model.", EventName = "SemanticTierUnavailable")]
    public static partial void SemanticTierUnavailable(ILogger logger, Exception exception, string component, string reason);

    [LoggerMessage(2012, LogLevel.Warning, "Step {StepId} has no [CacheScope] parameter while RequireTenantScope is on: its calls bypass the cache (reason tenant-required) unless each call passes a tenant (StepInvocation.TenantScope or SemanticCacheProperties.TenantScope). Add a [CacheScope] parameter for the tenant or user", EventName = "StepWithoutTenantScope")]
    public static partial void StepWithoutTenantScope(ILogger logger, string stepId);
}
