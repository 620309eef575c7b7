using System.Runtime.CompilerServices;
using AgentFramework.Catalog;
using AgentFramework.Routing;
using AgentFramework.Tests.TestDoubles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AgentFramework.Tests.Routing;

/// <summary>The one fallback loop behind both the non-streaming and the streaming path of the router's client.</summary>
public class ModelFailoverTests
{
    private static readonly ModelCatalog Catalog = TestCatalog.Load();
    private static readonly IReadOnlyList<ModelCard> Models = [Catalog.Get("tiny"), Catalog.Get("small"), Catalog.Get("big")];
    private readonly FakeLogger _logger = new();

    [Fact]
    public async Task FirstModelThatCompletes_ServesAndLaterModelsAreNeverStarted()
    {
        var call = new ScriptedCall { ["tiny"] = Script.Yields("a", "b") };
        var items = await RunAsync(call);

        Assert.Equal(["a", "b"], items);
        Assert.Equal(["start tiny", "item tiny a", "item tiny b", "complete tiny"], call.Events);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task FailureBeforeAnyItem_MovesToNextModelInOrderAndIsLogged()
    {
        var call = new ScriptedCall
        {
            ["tiny"] = Script.FailAfter(0, new HttpRequestException("503")),
            ["small"] = Script.FailAfter(0, new TimeoutException()),
            ["big"] = Script.Yields("ok"),
        };

        var items = await RunAsync(call);

        Assert.Equal(["ok"], items);
        Assert.Equal(
            ["start tiny", "failed tiny HttpRequestException", "start small", "failed small TimeoutException", "start big", "item big ok", "complete big"],
            call.Events);
        var logs = _logger.Collector.GetSnapshot();
        Assert.Equal(["Step s: call to tiny failed; next model: small.", "Step s: call to small failed; next model: big."], logs.Select(l => l.Message));
        Assert.All(logs, l => Assert.Equal((LogLevel.Warning, 1002), (l.Level, l.Id.Id)));
        Assert.IsType<HttpRequestException>(logs[0].Exception);
    }

    [Fact]
    public async Task FailureAfterItemWasYielded_IsRethrownWithoutFailover()
    {
        var boom = new InvalidOperationException("mid-stream");
        var call = new ScriptedCall { ["tiny"] = Script.FailAfter(1, boom, "a"), ["small"] = Script.Yields("never") };
        var seen = new List<string>();

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var item in new ModelFailover("s", _logger).RunAsync(Models, call))
            {
                seen.Add(item);
            }
        });

        Assert.Same(boom, thrown);
        Assert.Equal(["a"], seen);
        Assert.Equal(["start tiny", "item tiny a", "failed tiny InvalidOperationException"], call.Events);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task CancellationByCaller_IsReportedAsCanceledAndNeverFailsOver()
    {
        using var cts = new CancellationTokenSource();
        var call = new ScriptedCall { ["tiny"] = Script.CancelBeforeFirstItem(cts), ["small"] = Script.Yields("never") };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(call, cts.Token));

        Assert.Equal(["start tiny", "failed tiny OperationCanceledException (canceled)"], call.Events);
    }

    [Fact]
    public async Task OperationCanceledExceptionCallerDidNotAskFor_IsOrdinaryFailure()
    {
        // e.g. an HTTP client's own timeout: the caller's token is not canceled, so the next model is tried.
        var call = new ScriptedCall { ["tiny"] = Script.FailAfter(0, new TaskCanceledException("timeout")), ["small"] = Script.Yields("ok") };

        Assert.Equal(["ok"], await RunAsync(call));
        Assert.Equal("failed tiny TaskCanceledException", call.Events[1]);
    }

    [Fact]
    public async Task WhenEveryModelFails_ExceptionListsThemInOrderWithTheirErrors()
    {
        var errors = Models.Select(m => new InvalidOperationException(m.Id)).ToArray();
        var call = new ScriptedCall();
        for (var i = 0; i < Models.Count; i++)
        {
            call[Models[i].Id] = Script.FailAfter(0, errors[i]);
        }

        var ex = await Assert.ThrowsAsync<ModelCallFailedException>(() => RunAsync(call));

        Assert.Equal("s", ex.StepId);
        Assert.Equal(["tiny", "small", "big"], ex.TriedModels);
        Assert.Equal(errors, ex.InnerExceptions);
        Assert.Equal("Step s: call to big failed; next model: (none).", _logger.Collector.LatestRecord.Message);
    }

    [Fact]
    public async Task TrailerFromCompletedAttempt_IsYieldedLast()
    {
        var call = new ScriptedCall { ["tiny"] = Script.FailAfter(0, new HttpRequestException()), ["small"] = Script.Yields("a") };
        call.Trailer = "usage";

        Assert.Equal(["a", "usage small"], await RunAsync(call));
    }

    [Fact]
    public async Task EachAttempt_IsDisposedWhetherItFailsCompletesOrCallerStopsEarly()
    {
        var call = new ScriptedCall { ["tiny"] = Script.FailAfter(0, new HttpRequestException()), ["small"] = Script.Yields("a", "b", "c") };

        await foreach (var item in new ModelFailover("s", _logger).RunAsync(Models, call))
        {
            Assert.Equal("a", item);
            break;
        }

        Assert.Equal(["tiny", "small"], call.Disposed);
        Assert.DoesNotContain("complete small", call.Events);
    }

    private async Task<List<string>> RunAsync(ScriptedCall call, CancellationToken cancellationToken = default)
    {
        var items = new List<string>();
        await foreach (var item in new ModelFailover("s", _logger).RunAsync(Models, call, cancellationToken))
        {
            items.Add(item);
        }

        return items;
    }

    /// <summary>What one model does when called.</summary>
    private sealed record Script(IReadOnlyList<string> Items, int FailAfterCount = -1, Exception? Error = null, CancellationTokenSource? Cancel = null)
    {
        public static Script Yields(params string[] items) => new(items);

        public static Script FailAfter(int count, Exception error, params string[] items) => new(items, count, error);

        public static Script CancelBeforeFirstItem(CancellationTokenSource cts) => new([], 0, null, cts);
    }

    /// <summary>A call whose attempts follow a script per model and which logs every event the loop reports.</summary>
    private sealed class ScriptedCall : IFailoverCall<string>
    {
        private readonly Dictionary<string, Script> _scripts = [];

        public List<string> Events { get; } = [];

        public List<string> Disposed { get; } = [];

        public string? Trailer { get; set; }

        public Script this[string model]
        {
            set => _scripts[model] = value;
        }

        public IAsyncEnumerable<string> Start(ModelCard model, CancellationToken cancellationToken)
        {
            Events.Add("start " + model.Id);
            return Run(model.Id, _scripts[model.Id], cancellationToken);
        }

        public void OnItem(ModelCard model, string item) => Events.Add($"item {model.Id} {item}");

        public bool TryComplete(ModelCard model, TimeSpan elapsed, out string trailer)
        {
            Assert.True(elapsed >= TimeSpan.Zero);
            Events.Add("complete " + model.Id);
            trailer = Trailer + " " + model.Id;
            return Trailer is not null;
        }

        public void OnFailed(ModelCard model, TimeSpan elapsed, Exception error, bool canceled) =>
            Events.Add($"failed {model.Id} {error.GetType().Name}{(canceled ? " (canceled)" : "")}");

        private async IAsyncEnumerable<string> Run(string model, Script script, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            try
            {
                for (var i = 0; i <= script.Items.Count; i++)
                {
                    await Task.Yield();
                    if (i == script.FailAfterCount)
                    {
                        if (script.Cancel is { } cts)
                        {
                            await cts.CancelAsync();
                            cancellationToken.ThrowIfCancellationRequested();
                        }

                        throw script.Error!;
                    }

                    if (i < script.Items.Count)
                    {
                        yield return script.Items[i];
                    }
                }
            }
            finally
            {
                Disposed.Add(model);
            }
        }
    }
}
