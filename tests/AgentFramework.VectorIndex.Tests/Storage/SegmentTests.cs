using AgentFramework.VectorIndex.Conformance;
using AgentFramework.VectorIndex.Storage;
using AgentFramework.VectorSearch;

namespace AgentFramework.VectorIndex.Tests.Storage;

/// <summary>The block scorer of exact scans agrees with scoring one row at a time.</summary>
public sealed class SegmentTests
{
    [Theory]
    [InlineData(384, 257)]
    [InlineData(8, 5)]
    public void ScoreRows_MatchesScoreOfEachRow(int dims, int rows)
    {
        var random = new Random(dims);
        var segment = new Segment(dims, rows + 3, quantize: false);
        for (var i = 0; i < rows + 3; i++)
        {
            segment.Append(new EntryRecord($"v{i}", VectorScope.Empty, null, [], EntryRecord.Never, i), TestVectors.RandomUnit(random, dims));
        }

        var query = TestVectors.RandomUnit(random, dims);
        var scores = new float[rows];

        segment.ScoreRows(query, 3, scores); // starting past row 0: the offset must be honoured

        for (var i = 0; i < rows; i++)
        {
            Assert.Equal(segment.Score(query, 3 + i), scores[i], 5);
        }
    }
}
