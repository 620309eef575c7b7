using AgentFramework.Catalog;

namespace SupportDesk.Offline;

/// <summary>
/// The offline stand-in's latency model: a fixed time to first token, then output at a speed that
/// falls with the model's catalog price (small models stream faster), all multiplied by
/// <see cref="Scale"/> so a run of hundreds of tickets stays short.
/// </summary>
/// <remarks>
/// A coarse, labelled simulation, not a measurement: it exists so the run shows cheap and frontier
/// models taking different times and the cache saving time as well as money.
/// </remarks>
public sealed class StandInLatency
{
    /// <summary>Simulated time to first token.</summary>
    public static readonly TimeSpan TimeToFirstToken = TimeSpan.FromMilliseconds(350);

    /// <summary>Creates the model.</summary>
    /// <param name="scale">Multiplier applied to every simulated delay; 0 sleeps not at all.</param>
    public StandInLatency(double scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        Scale = scale;
    }

    /// <summary>Multiplier applied to every simulated delay (the default run uses 0.01: one simulated second takes 10 ms).</summary>
    public double Scale { get; }

    /// <summary>Output tokens per second the stand-in simulates for <paramref name="model"/>.</summary>
    public static double TokensPerSecond(ModelCard model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.BlendedPricePerMillion switch
        {
            < 1 => 180,
            < 5 => 110,
            < 20 => 70,
            _ => 40,
        };
    }

    /// <summary>The simulated (unscaled) duration of a call producing <paramref name="outputTokens"/>.</summary>
    public static TimeSpan Simulated(ModelCard model, long outputTokens) =>
        TimeToFirstToken + TimeSpan.FromSeconds(outputTokens / TokensPerSecond(model));

    /// <summary>How long the stand-in actually waits for a call.</summary>
    public TimeSpan Delay(ModelCard model, long outputTokens) => Simulated(model, outputTokens) * Scale;
}
