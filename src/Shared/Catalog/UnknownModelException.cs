using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace AgentFramework.Catalog;

/// <summary>Thrown when a model id is neither a catalog id nor an alias.</summary>
// Internal in the analyzer; still public in the runtime, whose public API uses it (see README.md).
#if AGENTFRAMEWORK_ANALYZER
internal
#else
public
#endif
sealed class UnknownModelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UnknownModelException(string? modelId, IReadOnlyList<string> closeMatches)
        : base(string.Format(
            CultureInfo.InvariantCulture,
            "Unknown model id '{0}'. It is not in the model catalog. Closest catalog ids: {1}. Add it with a catalog override file if it is a new model.",
            modelId,
            ModelCatalog.DescribeClosest(closeMatches)))
    {
        ModelId = modelId;
        CloseMatches = closeMatches;
    }

    /// <summary>The id that was not found.</summary>
    public string? ModelId { get; }

    /// <summary>The catalog ids closest to <see cref="ModelId"/>.</summary>
    public IReadOnlyList<string> CloseMatches { get; }
}
