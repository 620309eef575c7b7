namespace AgentFramework.VectorIndex.Tests;

public sealed class EmbeddedVectorIndexOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes_AndValid()
    {
        var options = new EmbeddedVectorIndexOptions();
        Assert.Equal(384, options.Dimensions);
        Assert.Null(options.Directory);
        Assert.Equal(VectorIndexDurability.Durable, options.Durability);
        Assert.Equal(1_000_000, options.Capacity);
        Assert.Equal(VectorEvictionPolicy.LeastRecentlyUsed, options.EvictionPolicy);
        Assert.Equal(20_000, options.AnnThreshold);
        Assert.False(options.QuantizeInt8);
        Assert.Equal(40, options.RescoreCandidates);
        options.Validate();
    }

    public static TheoryData<string, Action<EmbeddedVectorIndexOptions>> Invalid => new()
    {
        { nameof(EmbeddedVectorIndexOptions.Dimensions), o => o.Dimensions = 0 },
        { nameof(EmbeddedVectorIndexOptions.Capacity), o => o.Capacity = 0 },
        { nameof(EmbeddedVectorIndexOptions.AnnThreshold), o => o.AnnThreshold = -1 },
        { nameof(EmbeddedVectorIndexOptions.RescoreCandidates), o => o.RescoreCandidates = 0 },
        { nameof(EmbeddedVectorIndexOptions.AnnConnectivity), o => o.AnnConnectivity = 2 },
        { nameof(EmbeddedVectorIndexOptions.AnnBuildThreads), o => o.AnnBuildThreads = 0 },
        { nameof(EmbeddedVectorIndexOptions.CompactionLogBytes), o => o.CompactionLogBytes = 10 },
        { nameof(EmbeddedVectorIndexOptions.Durability), o => o.Durability = (VectorIndexDurability)7 },
        { nameof(EmbeddedVectorIndexOptions.EvictionPolicy), o => o.EvictionPolicy = (VectorEvictionPolicy)7 },
        { nameof(EmbeddedVectorIndexOptions.FastFlushInterval), o => o.FastFlushInterval = TimeSpan.Zero },
        { nameof(EmbeddedVectorIndexOptions.Directory), o => o.Directory = "" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidSetting_IsRejectedByName_AlsoByTheIndexConstructor(string property, Action<EmbeddedVectorIndexOptions> breakIt)
    {
        var options = new EmbeddedVectorIndexOptions();
        breakIt(options);
        var ex = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains(property, ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new EmbeddedVectorIndex(options));
    }
}
