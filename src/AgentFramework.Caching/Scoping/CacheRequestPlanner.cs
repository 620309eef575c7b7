using System.Globalization;
using System.Text;
using System.Text.Json;
using AgentFramework.Steps;
using AgentFramework.VectorSearch;
using Microsoft.Extensions.AI;

namespace AgentFramework.Caching.Scoping;

/// <summary>
/// Turns a chat request into a <see cref="CacheRequestPlan"/>: the prompt to match, the exact key, and the
/// hard scope every hit must share (tenant, step, system prompt, tools/format, [CacheKey] values,
/// conversation context, capability floor).
/// </summary>
internal static class CacheRequestPlanner
{
    /// <summary>Bumped when the key or scope layout changes, so old entries are never matched.</summary>
    public const string SchemaVersion = "1";

    public static CacheRequestPlan Plan(IEnumerable<ChatMessage> messages, ChatOptions? options, StepCachePolicy? policy, StepContext? step, SemanticCacheOptions settings)
    {
        var stepId = step?.StepId ?? settings.PromptTemplateId ?? "-";
        policy ??= step?.Requirements.Cache;
        var cacheable = step is null ? policy?.Enabled != false : step.Requirements.IsCacheable(policy);
        if (!cacheable)
        {
            return CacheRequestPlan.Bypass("step-disabled", stepId);
        }

        if (options?.AdditionalProperties?.TryGetValue(SemanticCacheProperties.Skip, out var skip) == true && skip is true)
        {
            return CacheRequestPlan.Bypass("skip-requested", stepId);
        }

        if (!string.IsNullOrEmpty(options?.ConversationId) || !string.IsNullOrEmpty(step?.ConversationId))
        {
            // Server-side conversation state is invisible to us: the same words can mean anything there.
            return CacheRequestPlan.Bypass("conversation-id", stepId);
        }

        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var lastUser = -1;
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (list[i].Role == ChatRole.User)
            {
                lastUser = i;
                break;
            }
        }

        if (lastUser < 0)
        {
            return CacheRequestPlan.Bypass("no-user-message", stepId);
        }

        if (lastUser != list.Count - 1)
        {
            // Tool results or an assistant prefix after the question: the answer depends on them.
            return CacheRequestPlan.Bypass("last-message-not-user", stepId);
        }

        var last = list[lastUser];
        foreach (var content in last.Contents)
        {
            if (content is not TextContent)
            {
                return CacheRequestPlan.Bypass("non-text-content", stepId);
            }
        }

        var prompt = last.Text ?? string.Empty;
        if (prompt.Length > settings.MaxPromptLength)
        {
            return CacheRequestPlan.Bypass("too-long", stepId);
        }

        if (string.IsNullOrWhiteSpace(prompt))
        {
            return CacheRequestPlan.Bypass("empty", stepId);
        }

        if (PromptText.HasUnpairedSurrogate(prompt))
        {
            return CacheRequestPlan.Bypass("invalid-utf16", stepId);
        }

        if (step?.TenantScopeMissing == true)
        {
            // The step declares [CacheScope] parameters but one had no usable value: never guess a scope.
            return CacheRequestPlan.Bypass("tenant-missing", stepId);
        }

        var tenant = step?.TenantScope;
        if (string.IsNullOrWhiteSpace(tenant) && options?.AdditionalProperties?.TryGetValue(SemanticCacheProperties.TenantScope, out var t) == true && t is string ts && ts.Length > 0)
        {
            tenant = ts;
        }

        if (string.IsNullOrWhiteSpace(tenant))
        {
            // Null, empty and white space all mean "no tenant" (one rule, whatever the source).
            tenant = null;
            if (settings.RequireTenantScope)
            {
                return CacheRequestPlan.Bypass("tenant-required", stepId);
            }
        }
        else if (!TenantScopeValue.IsWellFormed(tenant))
        {
            return CacheRequestPlan.Bypass("tenant-invalid", stepId);
        }

        var system = new StringBuilder();
        var context = new StringBuilder();
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            system.Append("instructions\u0001").Append(options!.Instructions).Append('\u0002');
        }

        for (var i = 0; i < lastUser; i++)
        {
            var m = list[i];
            var target = m.Role == ChatRole.System ? system : context;
            AppendMessage(target, m);
        }

        var floor = step?.Requirements.Needs.Floor ?? CapabilityLevel.None;
        var fields = new List<(string, string)>
        {
            ("v", SchemaVersion),
            ("step", Bounded(stepId)),
            ("sys", system.Length == 0 ? "0" : TextHash.Of(system)),
            ("tools", ToolsHash(options)),
            ("ctx", context.Length == 0 ? "0" : TextHash.Of(context)),
            ("keys", KeysHash(step?.ScopeValues)),
            ("floor", floor.ToString()),
            ("tenant", tenant is null ? "-" : Bounded("=" + tenant)),
        };

        VectorScope scope;
        try
        {
            scope = VectorScope.Of([.. fields]);
        }
        catch (ArgumentException)
        {
            return CacheRequestPlan.Bypass("scope-invalid", stepId);
        }

        var normalized = PromptText.Normalize(prompt);
        var exactKey = settings.KeyPrefix + "x:" + TextHash.Of(scope.Key + "\u0003" + normalized);

        var tags = new List<string> { StepTag(stepId) };
        if (tenant is not null)
        {
            tags.Add(ScopeTag(tenant));
        }

        if (options?.AdditionalProperties?.TryGetValue(SemanticCacheProperties.Tags, out var extra) == true)
        {
            if (extra is string one && one.Length > 0)
            {
                tags.Add(one);
            }
            else if (extra is IEnumerable<string> many)
            {
                tags.AddRange(many.Where(x => !string.IsNullOrEmpty(x)));
            }
        }

        var semantic = settings.EnableSemanticTier && (policy?.Semantic ?? true);
        var threshold = policy?.Threshold ?? settings.Threshold;
        var ttl = policy?.Ttl ?? settings.DefaultTtl;
        return CacheRequestPlan.Create(stepId, prompt, exactKey, scope, tenant, tags, semantic, threshold, ttl);
    }

    /// <summary>The tag every entry stored for <paramref name="tenant"/> carries (what <c>InvalidateScopeAsync</c> removes).</summary>
    public static string ScopeTag(string tenant) => "af-scope:" + Bounded(tenant);

    /// <summary>The tag every entry stored for <paramref name="stepId"/> carries.</summary>
    public static string StepTag(string stepId) => "af-step:" + Bounded(stepId);

    private static string Bounded(string value) => value.Length <= 200 ? value : "#" + TextHash.Of(value);

    private static void AppendMessage(StringBuilder sb, ChatMessage message)
    {
        sb.Append(message.Role.Value).Append('\u0001');
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent text:
                    sb.Append("t:").Append(text.Text);
                    break;
                case FunctionCallContent call:
                    sb.Append("c:").Append(call.Name).Append(':').Append(JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions));
                    break;
                case FunctionResultContent result:
                    sb.Append("r:").Append(JsonSerializer.Serialize(result.Result, AIJsonUtilities.DefaultOptions));
                    break;
                case DataContent data:
                    sb.Append("d:").Append(data.MediaType).Append(':').Append(TextHash.Of(Convert.ToBase64String(data.Data.Span)));
                    break;
                case TextReasoningContent:
                    // Reasoning traces do not change what the user asked.
                    break;
                default:
                    sb.Append("o:").Append(content.GetType().Name).Append(':').Append(JsonSerializer.Serialize(content, AIJsonUtilities.DefaultOptions));
                    break;
            }

            sb.Append('\u0002');
        }

        sb.Append('\u0004');
    }

    private static string ToolsHash(ChatOptions? options)
    {
        if (options is null)
        {
            return "0";
        }

        var sb = new StringBuilder();
        if (options.Tools is { Count: > 0 } tools)
        {
            foreach (var tool in tools.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                sb.Append("tool\u0001").Append(tool.Name).Append('\u0001').Append(tool.Description);
                if (tool is AIFunctionDeclaration function)
                {
                    sb.Append('\u0001').Append(function.JsonSchema.GetRawText());
                }

                sb.Append('\u0002');
            }

            sb.Append("mode\u0001").Append(options.ToolMode?.ToString()).Append('\u0002');
        }

        switch (options.ResponseFormat)
        {
            case ChatResponseFormatJson json:
                sb.Append("json\u0001").Append(json.SchemaName).Append('\u0001').Append(json.Schema?.GetRawText()).Append('\u0002');
                break;
            case ChatResponseFormatText:
                break;
            case { } other:
                sb.Append("format\u0001").Append(other.GetType().Name).Append('\u0002');
                break;
        }

        if (options.StopSequences is { Count: > 0 } stops)
        {
            sb.Append("stop\u0001").AppendJoin('\u0001', stops).Append('\u0002');
        }

        if (options.MaxOutputTokens is { } max)
        {
            sb.Append("max\u0001").Append(max.ToString(CultureInfo.InvariantCulture)).Append('\u0002');
        }

        return sb.Length == 0 ? "0" : TextHash.Of(sb);
    }

    private static string KeysHash(IReadOnlyDictionary<string, string>? values)
    {
        if (values is null || values.Count == 0)
        {
            return "0";
        }

        var sb = new StringBuilder();
        foreach (var (name, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sb.Append(name.Length).Append(':').Append(name).Append(value?.Length ?? -1).Append(':').Append(value).Append(';');
        }

        return TextHash.Of(sb);
    }
}
