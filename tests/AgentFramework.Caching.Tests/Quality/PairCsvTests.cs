using AgentFramework.Testing;

namespace AgentFramework.Caching.Tests.Quality;

/// <summary>The pair reader the quality harness runs held-out sets through: every usable row read, nothing mislabelled.</summary>
public sealed class PairCsvTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentframework-paircsv-").FullName;

    [Fact]
    public void QqpLayout_WithIdsQuotesAndLineBreaks_IsReadByHeader()
    {
        // QQP's own column order, a BOM, CRLF line ends, a quoted comma, an escaped quote and a line break inside a field.
        var path = Write("\uFEFFid,qid1,qid2,question1,question2,is_duplicate\r\n" +
                         "1,10,11,\"How do I learn C#, fast?\",\"What's the \"\"quickest\"\" way to learn C#?\",1\r\n" +
                         "2,12,13,\"A question\nover two lines\",Another question,0\r\n");

        var pairs = PairCsv.Read(path);

        Assert.Equal(
            [new LabeledPair("How do I learn C#, fast?", "What's the \"quickest\" way to learn C#?", true), new LabeledPair("A question\nover two lines", "Another question", false)],
            pairs);
    }

    [Fact]
    public void ByteOrderMark_BeforeTheFirstColumn_IsNotPartOfItsName()
    {
        var path = Write("\uFEFFquestion1,question2,is_duplicate\na,b,1\n");

        Assert.Equal(new LabeledPair("a", "b", true), Assert.Single(PairCsv.Read(path)));
    }

    [Fact]
    public void UnclosedQuote_IsAClearErrorWithTheLine()
    {
        var error = Assert.Throws<InvalidDataException>(() => PairCsv.Read(Write("question1,question2,is_duplicate\na,b,1\n\"c,d,0\n")));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TabSeparatedFile_IsRead()
    {
        var path = Write("id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate\n1\t1\t2\tIs \"this\" quoted?\tIs this quoted?\t1\n");

        var pair = Assert.Single(PairCsv.Read(path));

        Assert.Equal(new LabeledPair("Is \"this\" quoted?", "Is this quoted?", true), pair);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData(" 1.0 ", true)]
    [InlineData("True", true)]
    [InlineData("0", false)]
    [InlineData("0.0", false)]
    [InlineData("false", false)]
    public void Labels_InTheUsualSpellings_AreRead(string label, bool duplicate)
    {
        var path = Write($"question1,question2,is_duplicate\na,b,{label}\n");

        Assert.Equal(duplicate, Assert.Single(PairCsv.Read(path)).Duplicate);
    }

    [Fact]
    public void RowsWithoutAQuestionOrWithAnUnknownLabel_AreLeftOut_AndNamed()
    {
        // "2" or "yes" must not be read as "not a duplicate": the row is left out and the warning says so.
        var path = Write("question1,question2,is_duplicate\na,b,1\nc,,0\nd,e,2\nf,g,yes\n\nh,i,0\n");
        var warnings = new StringWriter();

        var pairs = PairCsv.Read(path, warnings);

        Assert.Equal([new LabeledPair("a", "b", true), new LabeledPair("h", "i", false)], pairs);
        Assert.Contains("left out 3 of 5 rows (1 with a missing question, 2 with a label other than 0 / 1, e.g. '2')", warnings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FileWithoutTheColumns_OrWithoutAUsableRow_IsAClearError()
    {
        var missing = Assert.Throws<InvalidDataException>(() => PairCsv.Read(Write("q1,q2,label\na,b,1\n")));
        Assert.Contains("question1, question2, is_duplicate", missing.Message, StringComparison.Ordinal);

        var unusable = Assert.Throws<InvalidDataException>(() => PairCsv.Read(Write("question1,question2,is_duplicate\na,b,maybe\n")));
        Assert.Contains("no usable row", unusable.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => PairCsv.Read(Write("")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, text);
        return path;
    }
}
