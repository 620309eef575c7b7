using System.Runtime.InteropServices;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace AgentFramework.Caching.Verification.PairModel;

/// <summary>
/// SmoothQuant-style activation smoothing for the pair model's weight MatMuls, applied to the fp32 graph before it is
/// quantized: <c>Y = X W = (X / s) (diag(s) W)</c>, with one <c>s_j</c> per input channel chosen so that the few
/// hidden channels carrying outliers no longer set the per-tensor activation scale on their own.
/// </summary>
/// <remarks>
/// MiniLM is post-LayerNorm: a LayerNorm output feeds the next MatMuls and the residual add, so <c>1 / s</c> cannot be
/// folded into the LayerNorm's gamma/beta. It is an explicit elementwise <c>Mul</c> on the MatMul's input instead (one
/// for query, key and value, which share their input). The fp32 output of the smoothed graph equals the original's up to
/// rounding. The int8-MatMul model (<see cref="SemanticCacheOptions.UseInt8PairModel"/>) is smoothed this way
/// (<see cref="PairModelFiles.SmoothingAlpha"/>, the maxima from <see cref="PairModelCalibration"/>) before its MatMuls go
/// int8 with per-token activation scales.
/// </remarks>
internal static class PairModelSmoothing
{
    private const int FloatType = (int)TensorProto.Types.DataType.Float;

    /// <summary>The weight MatMuls in graph order: six per encoder layer (query, key, value, attention output, intermediate, output).</summary>
    public static List<NodeProto> WeightMatMuls(GraphProto graph)
    {
        var initializers = graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return graph.Node.Where(n => n.OpType == "MatMul" && n.Input.Count == 2 && initializers.Contains(n.Input[1])).ToList();
    }

    /// <summary>
    /// Runs the fp32 graph over <paramref name="inputs"/> with every weight MatMul's input exposed as an output and returns,
    /// per input tensor, the largest magnitude seen in each channel (the last axis).
    /// </summary>
    public static Dictionary<string, float[]> Calibrate(byte[] fp32Bytes, IEnumerable<(long[] Ids, long[] Types)> inputs)
    {
        var model = ModelProto.Parser.ParseFrom(fp32Bytes);
        var names = WeightMatMuls(model.Graph).Select(n => n.Input[0]).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var name in names)
        {
            model.Graph.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = FloatType } },
            });
        }

        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        using var session = new InferenceSession(model.ToByteArray(), options);
        using var runOptions = new RunOptions();
        var maxima = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (ids, types) in inputs)
        {
            var mask = new long[ids.Length];
            Array.Fill(mask, 1L);
            long[] shape = [1, ids.Length];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
            using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
            using var outputs = session.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [idsValue, maskValue, typesValue], names);
            for (var i = 0; i < names.Length; i++)
            {
                var values = outputs[i].GetTensorDataAsSpan<float>();
                var dims = outputs[i].GetTensorTypeAndShape().Shape;
                var channels = checked((int)dims[^1]);
                if (!maxima.TryGetValue(names[i], out var max))
                {
                    maxima[names[i]] = max = new float[channels];
                }

                for (var k = 0; k < values.Length; k++)
                {
                    var c = k % channels;
                    max[c] = Math.Max(max[c], Math.Abs(values[k]));
                }
            }
        }

        return maxima;
    }

    /// <summary>
    /// The fp32 graph with the MatMuls selected by <paramref name="include"/> (encoder layer 0-5, kind 0-5) smoothed with
    /// strength <paramref name="alpha"/>: <c>s_j = max|X_j|^alpha / max|W_j,:|^(1 - alpha)</c>, the maximum over the
    /// MatMuls that share the input.
    /// </summary>
    public static byte[] Smooth(byte[] fp32Bytes, IReadOnlyDictionary<string, float[]> activationMaxima, double alpha, Func<int, int, bool> include)
    {
        var model = ModelProto.Parser.ParseFrom(fp32Bytes);
        SmoothInPlace(model, activationMaxima, alpha, include);
        return model.ToByteArray();
    }

    /// <summary>Like <see cref="Smooth"/>, on the graph object itself.</summary>
    public static void SmoothInPlace(ModelProto model, IReadOnlyDictionary<string, float[]> activationMaxima, double alpha, Func<int, int, bool> include)
    {
        var graph = model.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var matMuls = WeightMatMuls(graph);
        var groups = matMuls.Select((node, i) => (Node: node, Index: i)).Where(m => include(m.Index / 6, m.Index % 6))
            .GroupBy(m => m.Node.Input[0], StringComparer.Ordinal).ToList();
        foreach (var group in groups)
        {
            var input = group.Key;
            var weights = group.Select(m => initializers[m.Node.Input[1]]).ToList();
            var rows = checked((int)weights[0].Dims[0]);
            var activation = activationMaxima[input];
            if (activation.Length != rows)
            {
                throw new InvalidDataException($"Calibration of '{input}' has {activation.Length} channels, the MatMul weights {rows} rows.");
            }

            var weightMax = new float[rows];
            var values = weights.Select(ReadFloats).ToList();
            for (var w = 0; w < weights.Count; w++)
            {
                var columns = checked((int)weights[w].Dims[1]);
                for (var r = 0; r < rows; r++)
                {
                    weightMax[r] = Math.Max(weightMax[r], Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude<float>(values[w].AsSpan(r * columns, columns))));
                }
            }

            var scale = new float[rows];
            var inverse = new float[rows];
            for (var r = 0; r < rows; r++)
            {
                var s = Math.Pow(Math.Max(activation[r], 1e-5), alpha) / Math.Pow(Math.Max(weightMax[r], 1e-5), 1 - alpha);
                scale[r] = (float)Math.Clamp(s, 1e-4, 1e4);
                inverse[r] = 1f / scale[r];
            }

            for (var w = 0; w < weights.Count; w++)
            {
                var columns = checked((int)weights[w].Dims[1]);
                var scaled = values[w];
                for (var r = 0; r < rows; r++)
                {
                    System.Numerics.Tensors.TensorPrimitives.Multiply(scaled.AsSpan(r * columns, columns), scale[r], scaled.AsSpan(r * columns, columns));
                }

                weights[w].FloatData.Clear();
                weights[w].RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(scaled.AsSpan()));
            }

            var inverseName = input + "_smooth_inverse";
            var smoothed = input + "_smoothed";
            graph.Initializer.Add(new TensorProto
            {
                Name = inverseName,
                DataType = FloatType,
                Dims = { rows },
                RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(inverse.AsSpan())),
            });
            var first = group.Min(m => graph.Node.IndexOf(m.Node));
            graph.Node.Insert(first, new NodeProto { OpType = "Mul", Name = smoothed + "_Mul", Input = { input, inverseName }, Output = { smoothed } });
            foreach (var (node, _) in group)
            {
                node.Input[0] = smoothed;
            }
        }
    }

    private static float[] ReadFloats(TensorProto tensor) =>
        tensor.RawData.IsEmpty ? tensor.FloatData.ToArray() : MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
}
