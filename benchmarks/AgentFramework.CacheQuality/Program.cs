using System.Diagnostics;
using System.Globalization;
using AgentFramework.CacheQuality;
using AgentFramework.Embeddings.Onnx;
using AgentFramework.Testing;

// Usage:
//   eval [pairs.csv ...]   decision quality at the defaults + threshold curve (default: qqp-dev, the built-in agent/slot set and the held-out agent set),
//                          then the contextual follow-up sets and the hfdocs paraphrase recall
//   explain pairs.csv     lists the false hits and missed duplicates with cosine and veto reason
//   goals                  the contextual follow-up sets and the hfdocs paraphrase recall only
//   pairfit [pairs.csv ...] the pair model's (threshold, logit) grid and each slot-guard rule's net effect per set
//   cv folds.csv ...       the production decision over the training tool's cross-validation folds (pairs + fold-model logits)
//   fit [pairs.csv]        refits LearnedHitVerifier's coefficients (default: qqp-dev) and prints them with cross-validated figures
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var command = args.Length > 0 ? args[0] : "eval";
var files = args.Skip(1).ToList();
var qqp = TestPaths.SharedFile("cache-eval", "qqp-dev.csv");
var agent = Path.Combine(AppContext.BaseDirectory, "data", "agent-slots.csv");
var holdout = Path.Combine(AppContext.BaseDirectory, "data", "agent-holdout.csv");

using var model = new OnnxEmbeddingGenerator();
var store = new EmbeddingStore(model, model.ModelId, model.Dimensions);
var sw = Stopwatch.StartNew();
switch (command)
{
    case "eval":
        foreach (var file in files.Count > 0 ? files : [qqp, agent, holdout])
        {
            await PairEvaluation.RunAsync(file, store);
        }

        if (files.Count == 0)
        {
            await ContextualEvaluation.RunAsync(store);
            await ContextualEvaluation.ParaphraseRecallAsync(store);
        }

        break;
    case "fit":
        await Fitting.RunAsync(files.Count > 0 ? files[0] : qqp, store);
        break;
    case "goals":
        // The contextual follow-up sets and the hfdocs paraphrase recall only (what `eval` runs after the pair files).
        await ContextualEvaluation.RunAsync(store);
        await ContextualEvaluation.ParaphraseRecallAsync(store);
        break;
    case "pairfit":
        await PairModelFitting.RunAsync(files.Count > 0 ? files : [qqp, agent], store);
        break;
    case "cv" when files.Count > 0:
        await PairModelFitting.CrossValidationAsync(files, store);
        break;
    case "explain" when files.Count == 1:
        await Explain.RunAsync(files[0], store);
        break;
    default:
        Console.Error.WriteLine($"Unknown command or missing file: '{string.Join(' ', args)}'. Use: eval [pairs.csv ...] | explain pairs.csv | pairfit [pairs.csv ...] | cv folds.csv ... | fit [pairs.csv]");
        return 2;
}

Console.WriteLine($"(done in {sw.Elapsed.TotalSeconds:0.0}s; embeddings cached in {store.CachePath})");
return 0;
