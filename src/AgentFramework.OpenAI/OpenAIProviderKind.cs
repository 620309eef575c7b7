namespace AgentFramework.OpenAI;

/// <summary>Which flavour of the chat-completions protocol a configured model speaks.</summary>
public enum OpenAIProviderKind
{
    /// <summary>
    /// api.openai.com (or <see cref="OpenAICompatibleModelOptions.Endpoint"/> when set); Bearer key, by
    /// default from <c>OPENAI_API_KEY</c>.
    /// </summary>
    OpenAI,

    /// <summary>
    /// An Azure OpenAI resource through its OpenAI-compatible <c>/openai/v1/</c> API; key (Bearer)
    /// by default from <c>AZURE_OPENAI_API_KEY</c>; the deployment name is sent as the model.
    /// </summary>
    AzureOpenAI,

    /// <summary>
    /// Any other server with an OpenAI-compatible <c>/chat/completions</c> endpoint (Ollama, vLLM, LM Studio,
    /// LiteLLM, …); the endpoint is required, the key optional.
    /// </summary>
    Compatible,
}
