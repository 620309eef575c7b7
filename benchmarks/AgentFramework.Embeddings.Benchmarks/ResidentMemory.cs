using System.Diagnostics;
using System.Globalization;
using AgentFramework.Embeddings.Onnx;

namespace AgentFramework.Embeddings.Benchmarks;

/// <summary>Resident memory after load, measured in a fresh child process so nothing else (BenchmarkDotNet,
/// the other model, the quantizer) is counted: load the generator, embed one sentence, collect garbage, read RSS.</summary>
internal static class ResidentMemory
{
    public const string ChildFlag = "--rss-child";

    /// <summary>Runs in the child: prints the RSS in bytes.</summary>
    public static int Child(string what)
    {
        IDisposable? generator = what switch
        {
            "fp32" => new OnnxEmbeddingGenerator(),
            "int8" => new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { Precision = EmbeddingPrecision.Int8 }),
            _ => null, // "runtime": the bare .NET process, for reference
        };
        if (generator is OnnxEmbeddingGenerator onnx)
        {
            _ = onnx.Embed(Texts.Query);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(process.WorkingSet64.ToString(CultureInfo.InvariantCulture));
        GC.KeepAlive(generator);
        generator?.Dispose();
        return 0;
    }

    /// <summary>Runs in the parent: starts this program again in child mode and returns the RSS in MiB.</summary>
    public static double Measure(string what)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(ResidentMemory).Assembly.Location); // launched as "dotnet <dll>"
        }

        start.ArgumentList.Add(ChildFlag);
        start.ArgumentList.Add(what);
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        return long.Parse(last, CultureInfo.InvariantCulture) / (1024.0 * 1024.0);
    }
}
