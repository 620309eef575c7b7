using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace AgentFramework.Embeddings.Onnx.Quantization;

/// <summary>Makes a dynamically quantized copy of a float ONNX encoder, in C#, with no Python toolchain.</summary>
/// <remarks>
/// <para>Every <c>MatMul</c> whose right-hand side is a float weight matrix <c>[K, N]</c> becomes ONNX Runtime's
/// <c>com.microsoft.DynamicQuantizeMatMul</c>: the weights are stored as symmetric int8 with one scale per output
/// column (zero point 0), and the activations are quantized on the fly at run time. Per-column scales keep the
/// error of each output feature proportional to that feature's own range.</para>
/// <para>The word-embedding table (the largest tensor: 30,522 × 384 floats for MiniLM) feeds a <c>Gather</c>; it is
/// stored as int8 with one scale per row and dequantized after the lookup (Gather → Cast → Mul by the gathered row
/// scale), which cuts the model's memory by about half again.</para>
/// </remarks>
internal static class DynamicInt8Quantizer
{
    /// <summary>Bumped whenever the produced graph changes, so cached copies made by an older version are ignored.</summary>
    public const int Version = 1;

    private const int FloatType = (int)TensorProto.Types.DataType.Float;
    private const int Int8Type = (int)TensorProto.Types.DataType.Int8;
    private const int Uint8Type = (int)TensorProto.Types.DataType.Uint8;
    private const int Int64Type = (int)TensorProto.Types.DataType.Int64;

    public readonly record struct Summary(int QuantizedMatMuls, bool QuantizedEmbeddingTable);

    public static Summary Quantize(string sourcePath, string destinationPath) => Quantize(sourcePath, destinationPath, keepFloat: null);

    /// <summary>Quantizes like <see cref="Quantize(string, string)"/>, leaving the MatMul weights named in <paramref name="keepFloat"/> in float.</summary>
    /// <param name="sourcePath">The float model.</param>
    /// <param name="destinationPath">Where the quantized copy goes.</param>
    /// <param name="keepFloat">MatMul weights left in float.</param>
    /// <param name="weightLevels">The largest int8 weight magnitude: 127, or 63 ("reduced range") so that the sum of two
    /// uint8 × int8 products never exceeds int16 — AVX2 without VNNI multiplies with <c>vpmaddubsw</c>, which saturates there.</param>
    /// <param name="perTokenActivations">Quantize each MatMul's activations with one symmetric scale per token (row) instead
    /// of <c>DynamicQuantizeMatMul</c>'s one scale for the whole tensor: an explicit <c>Abs → ReduceMax → Div → Round</c>
    /// chain, shifted to uint8 with zero point 128 (once per input shared by several MatMuls), then <c>MatMulInteger</c>
    /// and a float rescale by the token's and the column's scales (the pair model's int8 MatMuls).</param>
    public static Summary Quantize(string sourcePath, string destinationPath, IReadOnlySet<string>? keepFloat, int weightLevels = 127, bool perTokenActivations = false)
    {
        if (weightLevels is < 1 or > 127)
        {
            throw new ArgumentOutOfRangeException(nameof(weightLevels), weightLevels, "Weight levels must be 1-127.");
        }

        ModelProto model;
        using (var source = File.OpenRead(sourcePath))
        {
            model = ModelProto.Parser.ParseFrom(source);
        }

        var graph = model.Graph;
        var initializers = graph.Initializer.ToDictionary(tensor => tensor.Name, StringComparer.Ordinal);
        var consumers = graph.Node.SelectMany(node => node.Input).GroupBy(name => name, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        var replaced = new HashSet<string>(StringComparer.Ordinal);

        var matMuls = 0;
        var perToken = new List<(NodeProto Node, string Weight)>();
        foreach (var node in graph.Node)
        {
            if (node.OpType != "MatMul" || node.Input.Count != 2 || !initializers.TryGetValue(node.Input[1], out var weight)
                || weight.DataType != FloatType || weight.Dims.Count != 2 || consumers[weight.Name] != 1 || keepFloat?.Contains(weight.Name) == true)
            {
                continue;
            }

            var (quantized, scales) = QuantizeColumns(ReadFloats(weight), checked((int)weight.Dims[0]), checked((int)weight.Dims[1]), weightLevels);
            var name = weight.Name;
            graph.Initializer.Add(Int8Tensor(name + "_int8", quantized, weight.Dims[0], weight.Dims[1]));
            graph.Initializer.Add(FloatTensor(name + "_scale", scales, weight.Dims[1]));
            replaced.Add(name);
            matMuls++;
            if (perTokenActivations)
            {
                perToken.Add((node, name));
                continue;
            }

            graph.Initializer.Add(Int8Tensor(name + "_zero_point", new sbyte[scales.Length], weight.Dims[1]));
            var input = node.Input[0];
            node.Input.Clear();
            node.Input.Add([input, name + "_int8", name + "_scale", name + "_zero_point"]);
            node.OpType = "DynamicQuantizeMatMul";
            node.Domain = "com.microsoft";
        }

        if (perToken.Count > 0)
        {
            QuantizePerToken(graph, perToken);
        }

        var embeddingQuantized = QuantizeEmbeddingTable(graph, initializers, consumers, replaced);

        foreach (var tensor in graph.Initializer.Where(tensor => replaced.Contains(tensor.Name)).ToList())
        {
            graph.Initializer.Remove(tensor);
        }

        if (!model.OpsetImport.Any(opset => opset.Domain == "com.microsoft"))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = "com.microsoft", Version = 1 });
        }

        model.ProducerName = "AgentFramework.Embeddings.Onnx int8 quantizer";
        model.ProducerVersion = Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var directory = Path.GetDirectoryName(Path.GetFullPath(destinationPath))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(destinationPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var output = File.Create(temporary))
            {
                model.WriteTo(output);
            }

            // Atomic publish: a concurrent process either sees no file or a complete one.
            File.Move(temporary, destinationPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return new Summary(matMuls, embeddingQuantized);
    }

    /// <summary>
    /// Rewrites each MatMul to <c>MatMulInteger</c> over per-token int8 activations:
    /// <c>s = max|x_t| / 127</c> per token, <c>q = round(x / s)</c>, <c>y = (q · W_int8) · s · w_scale</c>.
    /// MatMuls that read the same input share one quantization chain.
    /// </summary>
    private static void QuantizePerToken(GraphProto graph, List<(NodeProto Node, string Weight)> matMuls)
    {
        graph.Initializer.Add(FloatTensor("per_token_inverse_levels", [1f / 127f]));
        graph.Initializer.Add(FloatTensor("per_token_min_scale", [1e-12f]));
        graph.Initializer.Add(FloatTensor("per_token_offset", [128f]));
        graph.Initializer.Add(new TensorProto { Name = "per_token_zero_point", DataType = Uint8Type, RawData = ByteString.CopyFrom(128) });
        foreach (var group in matMuls.GroupBy(m => m.Node.Input[0], StringComparer.Ordinal))
        {
            var x = group.Key;
            var first = group.Min(m => graph.Node.IndexOf(m.Node));
            NodeProto[] chain =
            [
                Node("Abs", [x], [x + "_abs"]),
                new NodeProto
                {
                    OpType = "ReduceMax",
                    Name = x + "_token_max_ReduceMax",
                    Input = { x + "_abs" },
                    Output = { x + "_token_max" },
                    Attribute =
                    {
                        new AttributeProto { Name = "axes", Type = AttributeProto.Types.AttributeType.Ints, Ints = { -1 } },
                        new AttributeProto { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = 1 },
                    },
                },
                Node("Mul", [x + "_token_max", "per_token_inverse_levels"], [x + "_token_scale_raw"]),
                Node("Max", [x + "_token_scale_raw", "per_token_min_scale"], [x + "_token_scale"]),
                Node("Div", [x, x + "_token_scale"], [x + "_scaled"]),
                Node("Round", [x + "_scaled"], [x + "_rounded"]),
                // uint8 with zero point 128: ONNX Runtime's fast int8 GEMM (MLAS) is uint8 × int8.
                Node("Add", [x + "_rounded", "per_token_offset"], [x + "_shifted"]),
                Cast(x + "_shifted", x + "_uint8", Uint8Type),
            ];
            for (var i = 0; i < chain.Length; i++)
            {
                graph.Node.Insert(first + i, chain[i]);
            }

            foreach (var (node, weight) in group)
            {
                var output = node.Output[0];
                node.Input.Clear();
                node.Input.Add([x + "_uint8", weight + "_int8", "per_token_zero_point"]);
                node.Output[0] = output + "_int32";
                node.OpType = "MatMulInteger";
                var at = graph.Node.IndexOf(node);
                graph.Node.Insert(at + 1, Cast(output + "_int32", output + "_float", FloatType));
                graph.Node.Insert(at + 2, Node("Mul", [output + "_float", x + "_token_scale"], [output + "_token_scaled"]));
                graph.Node.Insert(at + 3, Node("Mul", [output + "_token_scaled", weight + "_scale"], [output]));
            }
        }
    }

    private static NodeProto Cast(string input, string output, int to) => new()
    {
        OpType = "Cast",
        Name = output + "_Cast",
        Input = { input },
        Output = { output },
        Attribute = { new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = to } },
    };

    /// <summary>Replaces <c>Gather(word_embeddings, input_ids)</c> with an int8 lookup scaled per row.</summary>
    private static bool QuantizeEmbeddingTable(GraphProto graph, Dictionary<string, TensorProto> initializers, Dictionary<string, int> consumers, HashSet<string> replaced)
    {
        var gather = graph.Node.FirstOrDefault(node => node.OpType == "Gather" && node.Input.Count == 2 && node.Input[1] == "input_ids"
            && initializers.TryGetValue(node.Input[0], out var table) && table.DataType == FloatType && table.Dims.Count == 2
            && consumers[table.Name] == 1 && node.Attribute.All(attribute => attribute.Name != "axis" || attribute.I == 0));
        if (gather is null)
        {
            return false;
        }

        var table = initializers[gather.Input[0]];
        var rows = checked((int)table.Dims[0]);
        var columns = checked((int)table.Dims[1]);
        var (quantized, scales) = QuantizeRows(ReadFloats(table), rows, columns);
        var name = table.Name;
        graph.Initializer.Add(Int8Tensor(name + "_int8", quantized, rows, columns));
        graph.Initializer.Add(FloatTensor(name + "_row_scale", scales, rows));
        graph.Initializer.Add(new TensorProto { Name = name + "_last_axis", DataType = Int64Type, Dims = { 1 }, Int64Data = { -1 } });
        replaced.Add(name);

        var output = gather.Output[0];
        var index = graph.Node.IndexOf(gather);
        graph.Node.Insert(index + 1, Node("Gather", [name + "_int8", "input_ids"], [output + "_int8"]));
        graph.Node.Insert(index + 2, new NodeProto
        {
            OpType = "Cast",
            Name = output + "_cast",
            Input = { output + "_int8" },
            Output = { output + "_float" },
            Attribute = { new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = FloatType } },
        });
        graph.Node.Insert(index + 3, Node("Gather", [name + "_row_scale", "input_ids"], [output + "_scale"]));
        graph.Node.Insert(index + 4, Node("Unsqueeze", [output + "_scale", name + "_last_axis"], [output + "_scale_column"]));
        graph.Node.Insert(index + 5, Node("Mul", [output + "_float", output + "_scale_column"], [output]));
        graph.Node.Remove(gather);
        return true;
    }

    private static NodeProto Node(string opType, string[] inputs, string[] outputs) => new()
    {
        OpType = opType,
        Name = outputs[0] + "_" + opType,
        Input = { inputs },
        Output = { outputs },
    };

    private static (sbyte[] Quantized, float[] Scales) QuantizeColumns(ReadOnlySpan<float> weights, int rows, int columns, int levels)
    {
        var scales = new float[columns];
        for (var r = 0; r < rows; r++)
        {
            var row = weights.Slice(r * columns, columns);
            for (var c = 0; c < columns; c++)
            {
                scales[c] = Math.Max(scales[c], Math.Abs(row[c]));
            }
        }

        for (var c = 0; c < columns; c++)
        {
            scales[c] = scales[c] > 0 ? scales[c] / levels : 1f;
        }

        var quantized = new sbyte[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                quantized[(r * columns) + c] = ToInt8(weights[(r * columns) + c] / scales[c]);
            }
        }

        return (quantized, scales);
    }

    private static (sbyte[] Quantized, float[] Scales) QuantizeRows(ReadOnlySpan<float> weights, int rows, int columns)
    {
        var scales = new float[rows];
        var quantized = new sbyte[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            var row = weights.Slice(r * columns, columns);
            var max = System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(row);
            var scale = Math.Abs(max) > 0 ? Math.Abs(max) / 127f : 1f;
            scales[r] = scale;
            for (var c = 0; c < columns; c++)
            {
                quantized[(r * columns) + c] = ToInt8(row[c] / scale);
            }
        }

        return (quantized, scales);
    }

    private static sbyte ToInt8(float value) => (sbyte)Math.Clamp(MathF.Round(value, MidpointRounding.ToEven), -127f, 127f);

    private static ReadOnlySpan<float> ReadFloats(TensorProto tensor)
    {
        if (!tensor.RawData.IsEmpty)
        {
            if (!BitConverter.IsLittleEndian)
            {
                throw new PlatformNotSupportedException("Quantizing ONNX raw tensors requires a little-endian machine.");
            }

            return MemoryMarshal.Cast<byte, float>(tensor.RawData.Span);
        }

        return tensor.FloatData.ToArray();
    }

    private static TensorProto Int8Tensor(string name, sbyte[] values, params long[] dims) => new()
    {
        Name = name,
        DataType = Int8Type,
        Dims = { dims },
        RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())),
    };

    private static TensorProto FloatTensor(string name, float[] values, params long[] dims) => new()
    {
        Name = name,
        DataType = FloatType,
        Dims = { dims },
        RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())),
    };
}
