using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentFramework.OpenAI.Tests.Infrastructure;

/// <summary>One request the server received.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, JsonNode Body);

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, ephemeral port) speaking the OpenAI chat-completions protocol:
/// a JSON response, or Server-Sent Events when the request asks to stream, ending with a usage chunk when
/// the request asks for <c>stream_options.include_usage</c>. It stands in for a paid endpoint, which these
/// machines cannot reach; the client under test is the real OpenAI SDK over real HTTP.
/// </summary>
public sealed class LoopbackChatCompletionsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private LoopbackChatCompletionsServer(WebApplication app) => _app = app;

    /// <summary>The server's base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The assistant text returned next.</summary>
    public string ReplyText { get; set; } = "Paris is the capital of France.";

    /// <summary>The prompt tokens reported.</summary>
    public int PromptTokens { get; set; } = 23;

    /// <summary>The completion tokens reported.</summary>
    public int CompletionTokens { get; set; } = 7;

    /// <summary>When set, every request is answered with this status and an OpenAI-style error body.</summary>
    public HttpStatusCode? FailWith { get; set; }

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<LoopbackChatCompletionsServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackChatCompletionsServer(app);
        app.Map("/{**path}", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var body = text.Length > 0 ? JsonNode.Parse(text)! : new JsonObject();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty, headers, body));

        if (FailWith is { } status)
        {
            context.Response.StatusCode = (int)status;
            context.Response.ContentType = "application/json";
            var error = new JsonObject
            {
                ["error"] = new JsonObject { ["message"] = $"scripted failure {(int)status}", ["type"] = "test_error", ["code"] = "scripted" },
            };
            await context.Response.WriteAsync(error.ToJsonString());
            return;
        }

        if (!context.Request.Path.Value!.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var model = body["model"]?.GetValue<string>() ?? "unknown";
        if (body["stream"]?.GetValue<bool>() == true)
        {
            await StreamAsync(context, model, body["stream_options"]?["include_usage"]?.GetValue<bool>() == true);
            return;
        }

        var response = new JsonObject
        {
            ["id"] = "chatcmpl-loopback-1",
            ["object"] = "chat.completion",
            ["created"] = 1_760_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = ReplyText },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = Usage(),
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.ToJsonString());
    }

    private async Task StreamAsync(HttpContext context, string model, bool includeUsage)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";

        async Task SendAsync(JsonObject chunk)
        {
            chunk["id"] = "chatcmpl-loopback-2";
            chunk["object"] = "chat.completion.chunk";
            chunk["created"] = 1_760_000_000;
            chunk["model"] = model;
            await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n");
            await context.Response.Body.FlushAsync();
        }

        static JsonArray Choice(JsonObject delta, string? finish) => new(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["finish_reason"] = finish,
        });

        await SendAsync(new JsonObject { ["choices"] = Choice(new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, null) });
        foreach (var piece in SplitKeepingSpaces(ReplyText))
        {
            await SendAsync(new JsonObject { ["choices"] = Choice(new JsonObject { ["content"] = piece }, null) });
        }

        await SendAsync(new JsonObject { ["choices"] = Choice(new JsonObject(), "stop") });
        if (includeUsage)
        {
            // As OpenAI sends it: a last chunk with no choices and the whole request's usage.
            await SendAsync(new JsonObject { ["choices"] = new JsonArray(), ["usage"] = Usage() });
        }

        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private JsonObject Usage() => new()
    {
        ["prompt_tokens"] = PromptTokens,
        ["completion_tokens"] = CompletionTokens,
        ["total_tokens"] = PromptTokens + CompletionTokens,
    };

    private static IEnumerable<string> SplitKeepingSpaces(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == ' ')
            {
                yield return text[start..i];
                start = i;
            }
        }
    }
}
