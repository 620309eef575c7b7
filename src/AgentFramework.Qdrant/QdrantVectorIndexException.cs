namespace AgentFramework.Qdrant;

/// <summary>
/// A Qdrant call failed: the server is unreachable, too slow (the call's deadline passed) or refused the
/// request. The semantic cache treats it as a fault of the index and fails open.
/// </summary>
/// <remarks>
/// Bad input (wrong dimension, non-finite vector, bad ids) is never reported this way: it is an
/// <see cref="ArgumentException"/> raised before any call is made.
/// </remarks>
public sealed class QdrantVectorIndexException : Exception
{
    /// <summary>Creates the exception.</summary>
    public QdrantVectorIndexException()
        : this("A Qdrant call failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public QdrantVectorIndexException(string message)
        : base(message)
    {
        Operation = string.Empty;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public QdrantVectorIndexException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = string.Empty;
    }

    /// <summary>Creates the exception for a failed <paramref name="operation"/>.</summary>
    /// <param name="operation">What the index was doing (e.g. <c>search</c>).</param>
    /// <param name="endpoint">The server address.</param>
    /// <param name="innerException">The client's error.</param>
    public QdrantVectorIndexException(string operation, Uri endpoint, Exception innerException)
        : base($"Qdrant {operation} at {endpoint} failed: {innerException?.Message}", innerException)
    {
        Operation = operation;
    }

    /// <summary>The operation that failed (e.g. <c>search</c>, <c>upsert</c>), or empty.</summary>
    public string Operation { get; }
}
