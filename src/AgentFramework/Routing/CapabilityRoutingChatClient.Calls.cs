using System.Runtime.CompilerServices;
using System.Text;
using AgentFramework.Catalog;
using Microsoft.Extensions.AI;

namespace AgentFramework.Routing;

internal sealed partial class CapabilityRoutingChatClient
{
    /// <summary>A non-streaming call as the failover loop drives it: each attempt is a stream of one response.</summary>
    private sealed class ResponseCall(CapabilityRoutingChatClient owner, RoutingDecision decision, IReadOnlyList<ChatMessage> messages, ChatOptions? options) : IFailoverCall<ChatResponse>
    {
        private ChatResponse? _response;

        public async IAsyncEnumerable<ChatResponse> Start(ModelCard model, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            _response = null;
            var client = owner._registry.Find(model.Id)!.Client;
            yield return await client.GetResponseAsync(messages, RoutedOptions(options), cancellationToken).ConfigureAwait(false);
        }

        public void OnItem(ModelCard model, ChatResponse item) => _response = item;

        public bool TryComplete(ModelCard model, TimeSpan elapsed, out ChatResponse trailer)
        {
            // The caller holds this same response object: it is completed here, before the call returns.
            var response = _response!;
            var usage = owner.RecordSuccess(decision, model, messages, response.Usage, response.Text, elapsed);
            response.ModelId ??= model.Id;
            var properties = response.AdditionalProperties ??= [];
            properties[RoutedModelProperty] = model.Id;
            if (!ReferenceEquals(usage, response.Usage))
            {
                response.Usage = usage;
                properties[UsageEstimatedProperty] = true;
            }

            trailer = null!;
            return false;
        }

        public void OnFailed(ModelCard model, TimeSpan elapsed, Exception error, bool canceled)
        {
            // A canceled non-streaming call is not recorded (it has never been): the caller walked away before any answer.
            if (!canceled)
            {
                owner.RecordFailure(decision, model, messages, elapsed);
            }
        }
    }

    /// <summary>A streaming call as the failover loop drives it: usage and text are gathered from the updates.</summary>
    private sealed class StreamingCall(CapabilityRoutingChatClient owner, RoutingDecision decision, IReadOnlyList<ChatMessage> messages, ChatOptions? options) : IFailoverCall<ChatResponseUpdate>
    {
        private readonly StringBuilder _text = new();
        private UsageDetails _usage = new();
        private bool _sawUsage;

        public IAsyncEnumerable<ChatResponseUpdate> Start(ModelCard model, CancellationToken cancellationToken)
        {
            _usage = new UsageDetails();
            _sawUsage = false;
            _text.Clear();
            var client = owner._registry.Find(model.Id)!.Client;
            return client.GetStreamingResponseAsync(messages, RoutedOptions(options), cancellationToken);
        }

        public void OnItem(ModelCard model, ChatResponseUpdate item)
        {
            foreach (var content in item.Contents)
            {
                if (content is UsageContent u)
                {
                    _usage.Add(u.Details);
                    _sawUsage = true;
                }
            }

            _text.Append(item.Text);
            item.ModelId ??= model.Id;
        }

        public bool TryComplete(ModelCard model, TimeSpan elapsed, out ChatResponseUpdate trailer)
        {
            var recorded = owner.RecordSuccess(decision, model, messages, _sawUsage ? _usage : null, _text.ToString(), elapsed);
            if (_sawUsage)
            {
                trailer = null!;
                return false;
            }

            // Downstream consumers (the cache's savings, callers' own accounting) expect usage in the stream.
            trailer = new ChatResponseUpdate
            {
                Role = ChatRole.Assistant,
                ModelId = model.Id,
                Contents = [new UsageContent(recorded)],
                AdditionalProperties = new() { [UsageEstimatedProperty] = true },
            };
            return true;
        }

        // A failed stream is recorded even when canceled: part of it may have been produced (and billed).
        public void OnFailed(ModelCard model, TimeSpan elapsed, Exception error, bool canceled) => owner.RecordFailure(decision, model, messages, elapsed);
    }
}
