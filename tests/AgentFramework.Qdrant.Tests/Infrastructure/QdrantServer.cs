namespace AgentFramework.Qdrant.Tests.Infrastructure;

/// <summary>Where the optional real Qdrant server is: env <c>QDRANT_URL</c> (its gRPC address, e.g. http://localhost:6334).</summary>
internal static class QdrantServer
{
    public const string EnvironmentVariable = "QDRANT_URL";

    public static Uri? Url =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } url ? new Uri(url) : null;

    public static string? ApiKey => Environment.GetEnvironmentVariable("QDRANT_API_KEY") is { Length: > 0 } key ? key : null;

    public static string SkipReason =>
        $"No Qdrant server: set {EnvironmentVariable} to a Qdrant gRPC endpoint (e.g. http://localhost:6334; QDRANT_API_KEY if secured) to run the Qdrant conformance suite. No Qdrant can be installed on the CI machines, so these tests are skipped there.";
}

/// <summary>A fact that runs only against a real Qdrant server (<c>QDRANT_URL</c>), and says so when skipped.</summary>
internal sealed class QdrantFactAttribute : FactAttribute
{
    public QdrantFactAttribute()
    {
        if (QdrantServer.Url is null)
        {
            Skip = QdrantServer.SkipReason;
        }
    }
}

/// <summary>
/// Marks a test class whose every test (including inherited <c>[Fact]</c>/<c>[Theory]</c> methods, which
/// cannot carry a Skip of their own) needs a real Qdrant server; <see cref="QdrantAwareTestFramework"/>
/// reports them as skipped, with the reason, when <c>QDRANT_URL</c> is not set.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class RequiresQdrantServerAttribute : Attribute;
