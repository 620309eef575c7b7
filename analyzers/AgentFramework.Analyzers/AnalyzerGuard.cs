using System.Threading;

namespace AgentFramework.Analyzers;

/// <summary>
/// Counts the unexpected exceptions the analyzers swallow. Every callback catches everything but cancellation
/// (half-typed code must never produce AD0001); tests feed broken code and assert this count stays put, so
/// "never throws" cannot hide a crash.
/// </summary>
internal static class AnalyzerGuard
{
    private static int _swallowedExceptions;

    /// <summary>How many unexpected exceptions the analyzers have swallowed in this process.</summary>
    public static int SwallowedExceptions => Volatile.Read(ref _swallowedExceptions);

    /// <summary>Records one swallowed exception.</summary>
    public static void NoteSwallowed() => Interlocked.Increment(ref _swallowedExceptions);
}
